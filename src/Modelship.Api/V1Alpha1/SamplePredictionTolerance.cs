using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>
/// How close the new version's outputs must be to the champion's: an element passes when
/// |new - old| &lt;= absolute, or |new - old| &lt;= relative * |old| (numpy.isclose without the sum).
/// </summary>
public sealed record SamplePredictionTolerance
{
    [Description("Absolute is the largest difference allowed between an output element of the new version and the champion's. Defaults to 0.")]
    [Minimum(0)]
    public double? Absolute { get; init; }

    [Description("Relative is the largest difference allowed as a fraction of the champion's element (0.01: 1%). Defaults to 0.")]
    [Minimum(0)]
    public double? Relative { get; init; }
}
