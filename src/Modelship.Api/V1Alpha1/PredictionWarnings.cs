using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>The expected range of a model's predicted values.</summary>
public sealed record PredictionWarnings
{
    /// <summary>Output the range applies to; every output when absent.</summary>
    [Description("Output is the name of the output the range applies to. Every numeric output when absent.")]
    [Length(1)]
    public string? Output { get; init; }

    /// <summary>Smallest expected value, inclusive.</summary>
    [Description("Lower is the smallest expected predicted value, inclusive. No lower bound when absent.")]
    public double? Lower { get; init; }

    /// <summary>Largest expected value, inclusive.</summary>
    [Description("Upper is the largest expected predicted value, inclusive. No upper bound when absent.")]
    public double? Upper { get; init; }
}
