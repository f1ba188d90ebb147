namespace Modelship.Api.Routing;

/// <summary>One model server (runtime) that the router can send requests to.</summary>
public sealed record RoutingBackend
{
    /// <summary>Unique name of the backend within the table; key-split routes refer to it.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Model version this backend serves, unique within the table. Reported to callers in the
    /// <c>x-modelship-model-version</c> header and addressable as <c>/v2/models/{model}/versions/{version}</c>.
    /// </summary>
    public required string Version { get; init; }

    /// <summary>Whether the backend is the champion, a challenger or a shadow.</summary>
    public required BackendRole Role { get; init; }

    /// <summary>Base URL of the runtime's V2 endpoint, such as <c>http://10.0.0.5:8080</c>.</summary>
    public required string Url { get; init; }

    /// <summary>Name of the model on that runtime (the <c>{name}</c> in its <c>/v2/models/{name}</c> paths).</summary>
    public required string ModelName { get; init; }

    /// <summary>
    /// Percent of traffic (0–100) for a challenger. The champion receives the rest, so its own weight must be 0 or
    /// exactly that rest; shadows take no weight and must leave it at 0.
    /// </summary>
    public int Weight { get; init; }
}
