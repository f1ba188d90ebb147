namespace Modelship.Api.Routing;

/// <summary>A value a pipeline step routes by: an element of a current tensor, a header or a V2 request parameter.</summary>
public sealed record StepKey
{
    public required StepKeySource Source { get; init; }

    /// <summary>Tensor, header or parameter name.</summary>
    public required string Name { get; init; }

    /// <summary>input: the element (row-major, flattened) whose value is the key.</summary>
    public int Index { get; init; }
}
