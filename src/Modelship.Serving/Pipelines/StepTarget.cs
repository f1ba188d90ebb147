using Modelship.Api.Routing;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Pipelines;

/// <summary>A model of a step with its V2 address resolved once per routing table.</summary>
public sealed class StepTarget
{
    public StepTarget(StepBackend backend, long generation)
    {
        Backend = backend;
        InferUri = new Uri($"{backend.Url.TrimEnd('/')}/v2/models/{Uri.EscapeDataString(backend.ModelName)}/infer");
        // The shadow mirror sends, times, compares and logs RoutedBackends; a challenger is one with the shadow role.
        AsShadow = new RoutedBackend(
            new RoutingBackend { Name = backend.Name, Version = backend.Version, Role = BackendRole.Shadow, Url = backend.Url, ModelName = backend.ModelName },
            generation);
    }

    public StepBackend Backend { get; }

    public string Name => Backend.Name;

    public Uri InferUri { get; }

    /// <summary>This model as a shadow, for shadowDeploy challengers.</summary>
    public RoutedBackend AsShadow { get; }
}
