using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>One version's drift: window size, the most drifting features and predictions, and the verdict.</summary>
public sealed record VersionDriftStatus
{
    public const int MaxEntries = 5;

    [Description("Version of the model.")]
    public required string Version { get; init; }

    [Description("Samples is the number of requests in the live window (the largest over router Pods).")]
    public long? Samples { get; init; }

    [Description("Drifting is true when samples reach minSamples and a feature or prediction's chosen metric is above the threshold.")]
    public bool? Drifting { get; init; }

    [Description("Features are the most drifting features by the chosen metric, worst first (at most 5), each the worst over router Pods.")]
    [MaxItems(MaxEntries)]
    public IReadOnlyList<FeatureDriftStatus>? Features { get; init; }

    [Description("Predictions is the drift of the predictions per output, worst first (at most 5).")]
    [MaxItems(MaxEntries)]
    public IReadOnlyList<FeatureDriftStatus>? Predictions { get; init; }
}
