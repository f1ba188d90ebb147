namespace Modelship.Api.Routing;

/// <summary>
/// Expected range of an output tensor's values. A prediction outside it is answered normally and counted and
/// logged as a warning.
/// </summary>
public sealed record PredictionBound
{
    /// <summary>The <see cref="Output"/> that applies a bound to every output tensor.</summary>
    public const string EveryOutput = "*";

    /// <summary>Name of the output tensor the bound applies to, or <c>*</c> (<see cref="EveryOutput"/>) for all of them.</summary>
    public required string Output { get; init; }

    /// <summary>Smallest expected value, inclusive; no lower bound when absent.</summary>
    public double? Min { get; init; }

    /// <summary>Largest expected value, inclusive; no upper bound when absent.</summary>
    public double? Max { get; init; }
}
