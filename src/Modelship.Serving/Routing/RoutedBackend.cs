using System.Globalization;
using Modelship.Api.Routing;

namespace Modelship.Serving.Routing;

/// <summary>A backend of the table with its V2 endpoint addresses resolved once per table, not per request.</summary>
public sealed class RoutedBackend
{
    public RoutedBackend(RoutingBackend backend, long generation)
    {
        Backend = backend;
        var baseUrl = backend.Url.TrimEnd('/');
        var model = Uri.EscapeDataString(backend.ModelName);
        InferUri = new Uri($"{baseUrl}/v2/models/{model}/infer");
        MetadataUri = new Uri($"{baseUrl}/v2/models/{model}");
        ReadyUri = new Uri($"{baseUrl}/v2/models/{model}/ready");
        RoleName = backend.Role switch
        {
            BackendRole.Champion => "champion",
            BackendRole.Challenger => "challenger",
            _ => "shadow",
        };
        GenerationText = generation.ToString(CultureInfo.InvariantCulture);
    }

    public RoutingBackend Backend { get; }

    public string Name => Backend.Name;

    public string Version => Backend.Version;

    /// <summary>The role as written in the table and in the <c>x-modelship-role</c> header.</summary>
    public string RoleName { get; }

    /// <summary>The generation of the table this backend was resolved from, as header text.</summary>
    public string GenerationText { get; }

    public Uri InferUri { get; }

    public Uri MetadataUri { get; }

    public Uri ReadyUri { get; }
}
