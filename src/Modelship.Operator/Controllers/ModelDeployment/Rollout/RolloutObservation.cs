using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>What the reconciler observed about a replacement in progress; the input of <see cref="RolloutStateMachine"/>.</summary>
public sealed record RolloutObservation
{
    public required DateTimeOffset Now { get; init; }

    /// <summary>When the replacement started (status.pendingModel.since).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    public required TimeSpan ProgressDeadline { get; init; }

    /// <summary>The new version's Deployment is Available (observed, updated and available replicas as declared).</summary>
    public required bool NewVersionAvailable { get; init; }

    /// <summary>The replacement checks' result; null while not run yet.</summary>
    public ValidationResult? Validation { get; init; }

    /// <summary>
    /// The replacement checks could not read a runtime's model metadata (no answer, or not one with metadata): until
    /// the progress deadline that is no verdict. A new version's Deployment is Available before every node routes
    /// its Service to the new Pods (kube-proxy programs the rules on its own schedule).
    /// </summary>
    public bool ValidationUnanswered { get; init; }

    /// <summary>The failing checks in words ("fetch: ..."), for the failure's message and the history.</summary>
    public string? ValidationFailures { get; init; }

    /// <summary>Canary step weights in order; empty for Replace. After the last step the new version takes 100.</summary>
    public IReadOnlyList<int> StepWeights { get; init; } = [];

    /// <summary>Pause after each step, in step order (zero when none); same length as <see cref="StepWeights"/>.</summary>
    public IReadOnlyList<TimeSpan> StepPauses { get; init; } = [];

    /// <summary>The weight the current routing table gives the new version; null when the table does not name it, 100 when it is the champion.</summary>
    public int? RoutedWeight { get; init; }

    /// <summary>Whether every ready router serves the current routing table.</summary>
    public bool RoutersServeCurrentTable { get; init; }

    /// <summary>Since when the routers have served the current weight; null when not (yet) known.</summary>
    public DateTimeOffset? WeightServedSince { get; init; }

    /// <summary>
    /// When the current step's analysis window started (status.canaryWindow); the step's pause counts from it. Null
    /// without analysis, or while its start could not be recorded.
    /// </summary>
    public DateTimeOffset? AnalysisWindowStartedAt { get; init; }

    /// <summary>
    /// The analysis verdict for the current canary step: Failing and Inconclusive before the window's end say why the
    /// step cannot be judged (a configuration problem, counters not read); at its end, the window's verdict. Null
    /// when no analysis is configured, or while the window runs.
    /// </summary>
    public AnalysisVerdict? Analysis { get; init; }

    /// <summary>How long the routers serve a table without the old version before it is deleted.</summary>
    public TimeSpan DrainDelay { get; init; }

    /// <summary>What a person asked of this rollout (<see cref="RolloutRequests"/>).</summary>
    public RolloutRequest Request { get; init; }
}
