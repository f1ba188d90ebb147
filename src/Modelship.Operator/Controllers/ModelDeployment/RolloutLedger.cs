using Modelship.Api.Conditions;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>
/// Pure: the bookkeeping of one reconcile — which versions are active and pending, what status.history says, the
/// share the routing table gives the pending version, and why a rollout waits or failed. It starts from the status
/// the reconcile read (<see cref="From"/>), takes the <see cref="RolloutStateMachine"/>'s decision
/// (<see cref="After"/>) and the routing table in force (<see cref="Activated"/>); the reconciler turns it into
/// <see cref="StatusFacts"/>. Replaying a transition the status already records changes nothing.
/// </summary>
public sealed record RolloutLedger
{
    public required VersionPlan Plan { get; init; }

    /// <summary>The champion serving traffic, when there is one.</summary>
    public ModelVersionStatus? Active { get; init; }

    public required IReadOnlyList<ModelHistoryEntry> History { get; init; }

    /// <summary>The replacement checks' result as last recorded or just run.</summary>
    public ReplacementValidationStatus? Validation { get; init; }

    /// <summary>The share the routing table is to give the pending version (<see cref="RoutedBackends.Select"/>).</summary>
    public int? PendingWeight { get; init; }

    /// <summary>The rollout's reason and message while a replacement is in progress.</summary>
    public (string Reason, string Message)? Rollout { get; init; }

    /// <summary>Why the last replacement failed, while the spec still asks for the failed version.</summary>
    public (string Reason, string Message)? Failure { get; init; }

    /// <summary>When to look again even if nothing changes.</summary>
    public TimeSpan? RequeueAfter { get; init; }

    /// <summary>The replacement checks to report: only while a replacement is pending or its failure is reported.</summary>
    public ReplacementValidationStatus? ReportedValidation => Plan.Pending is null && Plan.FailedAttempt is null ? null : Validation;

    /// <param name="routedPendingWeight">What the current routing table gives the pending version (<see cref="RoutedBackends.WeightOf"/>).</param>
    /// <param name="suspended">spec.suspend: a rollout is paused, and a canary share dropped (its version is scaled to zero).</param>
    public static RolloutLedger From(VersionPlan plan, ModelDeploymentStatus? status, int? routedPendingWeight, bool suspended)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new RolloutLedger
        {
            Plan = plan,
            Active = status?.ActiveModel,
            History = status?.History ?? [],
            Validation = status?.ReplacementValidation,
            PendingWeight = plan.Pending is null || suspended ? null : routedPendingWeight,
            Failure = plan.FailedAttempt is { } failed ? (FailureReason(status), failed.Message ?? "the replacement failed") : null,
        };
    }

    /// <summary>What <paramref name="decision"/> about the pending version makes of the ledger.</summary>
    /// <param name="validation">The replacement checks the decision was taken with.</param>
    public RolloutLedger After(RolloutDecision decision, ReplacementValidationStatus? validation, ReplacementReason reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var pending = Plan.Pending ?? throw new InvalidOperationException("no replacement is pending");
        var decided = this with { Validation = validation, RequeueAfter = decision.RequeueAfter };
        return decision.Action switch
        {
            RolloutAction.Route => decided with
            {
                PendingWeight = decision.Weight,
                Rollout = (decision.Reason, decision.Message),
                RequeueAfter = RolloutStateMachine.PollInterval,
            },
            RolloutAction.Complete => decided.Completed(pending, reason, now),
            RolloutAction.Fail => decided.Failed(pending, decision, reason, now),
            _ => decided with { Rollout = (decision.Reason, decision.Message) },
        };
    }

    /// <summary>
    /// The first champion: once the table in force routes to the version the plan makes active and no champion is
    /// recorded yet, it becomes active and enters the history.
    /// </summary>
    public RolloutLedger Activated(RoutingTable? table, DateTimeOffset now)
    {
        if (Active is not null || table?.Champion?.Version != Plan.Active.Version)
        {
            return this;
        }
        var active = Plan.Active with { Since = now };
        var recorded = History.Any(e => e.Outcome == HistoryOutcome.Active && e.Version == active.Version && e.Uri == active.Uri);
        return this with
        {
            Active = active,
            History = recorded ? History : ModelHistory.Record(History, new ModelHistoryEntry { Version = active.Version, Uri = active.Uri, ActivatedAt = now, Outcome = HistoryOutcome.Active }),
        };
    }

    private RolloutLedger Completed(ModelSpec pending, ReplacementReason reason, DateTimeOffset now)
    {
        var active = new ModelVersionStatus { Version = pending.Version, Uri = pending.Uri, Since = now };
        var recorded = History is [{ Outcome: HistoryOutcome.Active } newest, ..] && newest.Version == pending.Version && newest.Uri == pending.Uri;
        return this with
        {
            Active = active,
            History = recorded ? History : ModelHistory.Record(ModelHistory.RetireActive(History, now), new ModelHistoryEntry
            {
                Version = pending.Version,
                Uri = pending.Uri,
                ActivatedAt = now,
                Reason = reason,
                Outcome = HistoryOutcome.Active,
            }),
            Plan = Plan with { Active = active, ActiveSpec = pending, Pending = null, PendingSince = null },
            PendingWeight = null,
        };
    }

    /// <summary>
    /// A failed attempt, rolled back or never routed, is recorded as Failed: the same spec is not retried in a loop.
    /// </summary>
    private RolloutLedger Failed(ModelSpec pending, RolloutDecision decision, ReplacementReason reason, DateTimeOffset now)
    {
        var recorded = History is [{ Outcome: HistoryOutcome.Failed } newest, ..] && newest.Version == pending.Version && newest.Uri == pending.Uri;
        var history = recorded ? History : ModelHistory.Record(History, new ModelHistoryEntry
        {
            Version = pending.Version,
            Uri = pending.Uri,
            RetiredAt = now,
            Reason = reason,
            Outcome = HistoryOutcome.Failed,
            Message = $"{decision.Reason}: {decision.Message}",
        });
        return this with
        {
            History = history,
            // As the next reconciles will report it (from the history entry), so the message does not flip.
            Failure = (decision.Reason, history[0].Message ?? decision.Message),
            Plan = Plan with { Pending = null, PendingSince = null, FailedAttempt = history[0] },
            PendingWeight = null,
        };
    }

    private static string FailureReason(ModelDeploymentStatus? status) =>
        ConditionList.Find(status?.Conditions, ConditionTypes.Degraded) is { Status: ConditionStatus.True } degraded
            ? degraded.Reason
            : ConditionReasons.RolloutAborted;
}
