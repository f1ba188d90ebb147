namespace Modelship.Api.Routing;

/// <summary>
/// What a router answers on <c>GET /v2/monitoring</c>: a contract like the routing table, written by the router and
/// read by the operator, which merges the reports of every router Pod into the ModelDeployment's status
/// (<c>serviceStats</c>, <c>drift</c>, <c>accuracy</c>). Counts add across Pods; percentiles and distances are per Pod
/// (the operator keeps the worst).
/// </summary>
public sealed record MonitoringReport
{
    /// <summary>The model the router serves.</summary>
    public required string Model { get; init; }

    /// <summary>Generation of the routing table the router served when it wrote the report.</summary>
    public long Generation { get; init; }

    /// <summary>When the report was computed.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>Service stats per version and role, over fixed windows.</summary>
    public IReadOnlyList<VersionServiceStats> ServiceStats { get; init; } = [];

    /// <summary>Drift per version; empty when drift monitoring is off or its reference cannot be read.</summary>
    public IReadOnlyList<VersionDrift> Drift { get; init; } = [];

    /// <summary>Accuracy per version; empty when actuals are off.</summary>
    public IReadOnlyList<VersionAccuracy> Accuracy { get; init; } = [];

    /// <summary>Actuals this router accepted since it started (joined or not), for the ActualsThreshold trigger.</summary>
    public long ActualsReceived { get; init; }
}

public sealed record VersionServiceStats
{
    public required string Version { get; init; }

    /// <summary>champion, challenger or shadow.</summary>
    public required string Role { get; init; }

    /// <summary>One entry per window: 1m, 1h and 24h.</summary>
    public IReadOnlyList<WindowStats> Windows { get; init; } = [];
}

public sealed record WindowStats
{
    /// <summary>1m, 1h or 24h.</summary>
    public required string Window { get; init; }

    public long Requests { get; init; }

    /// <summary>Requests answered with a 5xx status (or not answered).</summary>
    public long Errors { get; init; }

    /// <summary>Errors / Requests; null without requests.</summary>
    public double? ErrorRate { get; init; }

    public double? LatencyP50Seconds { get; init; }

    public double? LatencyP90Seconds { get; init; }

    public double? LatencyP99Seconds { get; init; }

    /// <summary>Share of compared class outputs on which this shadow agreed; shadows only, null when nothing was compared.</summary>
    public double? ShadowAgreement { get; init; }

    /// <summary>Prediction warnings, feature range warnings and failed validations.</summary>
    public long CheckFailures { get; init; }
}

public sealed record VersionDrift
{
    public required string Version { get; init; }

    /// <summary>Requests in the live window.</summary>
    public long Samples { get; init; }

    /// <summary>Per feature (V2 input name, with <c>[column]</c> for a column of a 2-D input), drift against the reference.</summary>
    public IReadOnlyList<FeatureDrift> Features { get; init; } = [];

    /// <summary>Drift of the predictions (per output) against the reference's target/prediction profile.</summary>
    public IReadOnlyList<FeatureDrift> Predictions { get; init; } = [];
}

public sealed record FeatureDrift
{
    public required string Name { get; init; }

    /// <summary>Population stability index.</summary>
    public double Psi { get; init; }

    /// <summary>Hellinger distance, 0 to 1.</summary>
    public double Hellinger { get; init; }

    /// <summary>Values in the window outside the reference's min/max (numeric features only).</summary>
    public long OutOfRange { get; init; }
}

public sealed record VersionAccuracy
{
    public required string Version { get; init; }

    /// <summary>Joined actuals in the window the metrics are computed over.</summary>
    public long Actuals { get; init; }

    /// <summary>
    /// Metric name to value: classification <c>accuracy</c>, <c>logLoss</c> (when probabilities are known),
    /// <c>auc</c> (binary, optional); regression <c>rmse</c>, <c>mae</c>, <c>mape</c>.
    /// </summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
}
