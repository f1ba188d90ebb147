using k8s;
using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Models;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>
/// One model server Deployment as <see cref="RuntimeDeploymentBuilder"/> builds it, whoever owns it: a ModelDeployment
/// version (<see cref="RuntimeDeploymentBuilder.Build(Api.V1Alpha1.ModelDeployment, ModelBackend, ModelDeploymentBuildOptions, bool)"/>)
/// or a Pipeline's inline model.
/// </summary>
public sealed record RuntimeWorkload
{
    /// <summary>Name, namespace, labels and owner reference of the Deployment (and of its Service).</summary>
    public required V1ObjectMeta Metadata { get; init; }

    /// <summary>The labels that select its pods; the pods carry <see cref="PodLabels"/>.</summary>
    public required Dictionary<string, string> Selector { get; init; }

    public required Dictionary<string, string> PodLabels { get; init; }

    public required ModelSpec Model { get; init; }

    /// <summary>The model server; the built-in ONNX runtime when null or without an image.</summary>
    public RuntimeSpec? Runtime { get; init; }

    /// <summary>The name the server serves the model under (<c>/v2/models/{name}</c>).</summary>
    public required string ModelName { get; init; }

    /// <summary>The server container's command (a ServingRuntime's); the image's entrypoint when null.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The ServingRuntime the server comes from (<see cref="ServingRuntimeWorkload"/>), recorded on the pods; null otherwise.</summary>
    public string? ServingRuntimeName { get; init; }

    public required int Replicas { get; init; }

    public ComputeResources? Resources { get; init; }

    public IReadOnlyDictionary<string, string>? NodeSelector { get; init; }

    public IReadOnlyList<Api.V1Alpha1.Toleration>? Tolerations { get; init; }

    public bool UsesBuiltInRuntime => string.IsNullOrEmpty(Runtime?.Image);

    public int Port => Runtime?.Port ?? Api.Defaults.ModelDeploymentDefaults.RuntimePort;
}
