using System.ComponentModel;
using Modelship.Api.Conditions;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>The observed state of a <see cref="ModelDeployment"/>, written by the operator.</summary>
public sealed record ModelDeploymentStatus
{
    /// <summary>The metadata.generation this status describes.</summary>
    [Description("ObservedGeneration is the metadata.generation this status was computed from.")]
    public long? ObservedGeneration { get; init; }

    /// <summary>Coarse lifecycle state, for people; automation should read the conditions.</summary>
    [Description("Phase is a one-word summary for people: Pending, Deploying, Active, Failed or Stopped. Automation should read the conditions.")]
    public ModelDeploymentPhase? Phase { get; init; }

    /// <summary>The latest observations, one per condition type.</summary>
    [Description("Conditions are the latest observations, one per type: Ready, Progressing, Degraded and Suspended; Drifting with spec.monitoring.drift and AccuracyDegraded with spec.monitoring.accuracy.")]
    [ListMapKeys("type")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    /// <summary>The champion that currently answers the traffic.</summary>
    [Description("ActiveModel is the champion version currently answering the traffic.")]
    public ModelVersionStatus? ActiveModel { get; init; }

    /// <summary>The version being rolled out to replace the active one.</summary>
    [Description("PendingModel is the version being validated or rolled out to replace the active model; absent when no rollout is under way. Annotate the ModelDeployment with modelship.dev/abort or modelship.dev/promote set to this version to abort the rollout (traffic back to the active model) or to promote it now (skip the remaining canary steps and analysis).")]
    public ModelVersionStatus? PendingModel { get; init; }

    /// <summary>The result of the replacement checks of the pending model.</summary>
    [Description("ReplacementValidation is the result of the checks the latest replacement model went through.")]
    public ReplacementValidationStatus? ReplacementValidation { get; init; }

    /// <summary>Champion versions, newest first, bounded.</summary>
    [Description("History lists champion versions, newest first, with when they were activated and retired and why; at most 10 entries.")]
    [MaxItems(ModelDeploymentDefaults.HistoryLimit)]
    public IReadOnlyList<ModelHistoryEntry>? History { get; init; }

    /// <summary>The split the router actually applies.</summary>
    [Description("Traffic is the split the routers apply, one entry per backend, including shadows and canary weights.")]
    [ListMapKeys("name")]
    public IReadOnlyList<TrafficBackendStatus>? Traffic { get; init; }

    /// <summary>The active version and the one being deployed (<see cref="V1Alpha1.ModelSummary"/>).</summary>
    [Description("ModelSummary is the active champion's version, with the version being deployed in parentheses, such as \"v6 (v7 deploying)\" or \"v1 (deploying)\" before any version serves; shown in the Model column of kubectl get.")]
    public string? ModelSummary { get; init; }

    /// <summary>Ready challengers over declared challengers, such as <c>1/1</c>.</summary>
    [Description("TrafficSummary is \"<ready challengers>/<declared challengers>\", such as 1/1, shown in the Challengers column of kubectl get.")]
    public string? TrafficSummary { get; init; }

    /// <summary>In-cluster URL of the V2 endpoint.</summary>
    [Description("Endpoint is the in-cluster base URL of the model's Open Inference Protocol V2 endpoint, such as http://iris.default.svc:8080/v2/models/iris.")]
    public string? Endpoint { get; init; }

    /// <summary>Generation of the newest routing table the operator wrote.</summary>
    [Description("RoutingGeneration is the generation of the newest routing table the operator wrote.")]
    public long? RoutingGeneration { get; init; }

    /// <summary>Lowest routing table generation that every ready router serves.</summary>
    [Description("ServedGeneration is the lowest routing table generation served by all ready routers. Old versions are removed only when it reaches routingGeneration.")]
    public long? ServedGeneration { get; init; }

    /// <summary>When every ready router was first seen serving the table of <see cref="RoutingGeneration"/>.</summary>
    [Description("ServedSince is when all ready routers were first seen serving the routing table of routingGeneration. Canary step pauses and the drain before an old version is deleted are timed from it, so an operator restart neither restarts nor skips them.")]
    public DateTimeOffset? ServedSince { get; init; }

    /// <summary>Accuracy from actuals (spec.monitoring.accuracy).</summary>
    [Description("Accuracy summarizes accuracy from actual outcomes per version, as the routers last reported it; absent unless spec.monitoring.accuracy is set.")]
    public AccuracyStatus? Accuracy { get; init; }

    /// <summary>Service stats from the routers (spec.monitoring).</summary>
    [Description("ServiceStats summarizes requests, errors, latency, shadow agreement and check failures per version and role over 1m, 1h and 24h, from every router Pod's GET /v2/monitoring, written at most once per spec.monitoring.statusInterval; absent unless spec.monitoring is set.")]
    public ServiceStatsStatus? ServiceStats { get; init; }

    /// <summary>Drift against the training reference (spec.monitoring.drift).</summary>
    [Description("Drift summarizes per version the most drifting features and predictions against the training reference; absent unless spec.monitoring.drift is set.")]
    public DriftStatus? Drift { get; init; }

    /// <summary>What spec.notifications last fired on.</summary>
    [Description("Notifications records what the monitoring notifications (Drifting, AccuracyDegraded, ActualsThreshold) last fired on, so a restart neither fires them again nor forgets them.")]
    public NotificationStatus? Notifications { get; init; }

    /// <summary>The window the current canary step is judged on, with the routers' counters at its start.</summary>
    [Description("CanaryWindow is the window the current canary step is judged on: when it started (every router served the step's weights) and the routers' counters of the champion and the new version at that moment. The step is judged at the end of its pause on the counters' increase since then, so an operator restart keeps the window.")]
    public CanaryWindowStatus? CanaryWindow { get; init; }
}
