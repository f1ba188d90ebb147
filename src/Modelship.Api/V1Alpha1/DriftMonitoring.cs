using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>Drift monitoring: the reference profile, the live window, and when a version counts as drifting.</summary>
public sealed record DriftMonitoring
{
    /// <summary>Where the reference profile comes from.</summary>
    [Description("Reference is the training reference profile JSON (made by modelship profile): exactly one of configMap or uri.")]
    public required DriftReference Reference { get; init; }

    /// <summary>Drift above which the Drifting condition is True.</summary>
    [Description("Threshold is the value of the chosen metric above which a feature or prediction counts as drifting (condition Drifting=True, Warning Event). Defaults to 0.2.")]
    [Minimum(0)]
    [DefaultValue(ModelDeploymentDefaults.DriftThreshold)]
    public double? Threshold { get; init; }

    /// <summary>The metric compared with the threshold.</summary>
    [Description("Metric is the distance compared with threshold: psi (population stability index) or hellinger (Hellinger distance, 0-1). Both are reported. Defaults to psi.")]
    [DefaultValue(ModelDeploymentDefaults.DriftMetric)]
    public DriftMetric? Metric { get; init; }

    /// <summary>Requests of the live window.</summary>
    [Description("Window is the number of most recent requests per version the live distribution is computed over. Defaults to 1000.")]
    [Minimum(1)]
    [DefaultValue(ModelDeploymentDefaults.DriftWindow)]
    public int? Window { get; init; }

    /// <summary>Requests before a version's drift counts.</summary>
    [Description("MinSamples is the number of requests a version's window needs before its drift is judged. Defaults to 100.")]
    [Minimum(1)]
    [DefaultValue(ModelDeploymentDefaults.DriftMinSamples)]
    public int? MinSamples { get; init; }
}
