namespace Modelship.Kubernetes.Client;

public sealed record ListOptions
{
    /// <summary>e.g. <c>app=router,tier!=canary</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>e.g. <c>metadata.name=foo</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size; the answer carries a continue token when more items remain.</summary>
    public int? Limit { get; init; }

    public string? Continue { get; init; }

    /// <summary>"0" allows an answer from the watch cache; null (the default) asks for the latest state.</summary>
    public string? ResourceVersion { get; init; }
}
