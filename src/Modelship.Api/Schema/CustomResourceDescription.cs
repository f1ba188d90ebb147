namespace Modelship.Api.Schema;

/// <summary>Everything a CRD states besides the schema, which comes from <see cref="RootType"/>.</summary>
public sealed record CustomResourceDescription
{
    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Kind { get; init; }

    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public bool Namespaced { get; init; } = true;

    /// <summary>Whether status is a subresource (written only through <c>/status</c>).</summary>
    public bool StatusSubresource { get; init; } = true;

    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];

    /// <summary>The C# type of the whole object (apiVersion, kind, metadata, spec, status).</summary>
    public required Type RootType { get; init; }

    /// <summary>The CRD's name: <c>plural.group</c>.</summary>
    public string Name => $"{Plural}.{Group}";

    /// <summary>The generated file's name, as kubebuilder names it: <c>group_plural.yaml</c>.</summary>
    public string FileName => $"{Group}_{Plural}.yaml";
}
