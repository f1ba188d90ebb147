namespace Modelship.Api.Routing;

/// <summary>
/// Expected range of an output tensor's values. A prediction outside it is answered normally and counted and
/// logged as a warning.
/// </summary>
public sealed record PredictionBound
{
    /// <summary>Name of the output tensor the bound applies to.</summary>
    public required string Output { get; init; }

    /// <summary>Smallest expected value, inclusive; no lower bound when absent.</summary>
    public double? Min { get; init; }

    /// <summary>Largest expected value, inclusive; no upper bound when absent.</summary>
    public double? Max { get; init; }
}
