using Modelship.Api.Conditions;
using Modelship.Api.Defaults;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>Which champion versions are in play: the active one and, during a replacement, the pending one.</summary>
/// <param name="Active">The champion serving traffic (from status), or spec.model before the first one is active.</param>
/// <param name="ActiveSpec">spec.model when the active version is the one the spec names; null when the spec has moved on.</param>
/// <param name="Pending">The version replacing the active one, or null.</param>
/// <param name="PendingSince">When the replacement started, or resumed after a suspend.</param>
/// <param name="FailedAttempt">The newest history entry if it records a failed attempt at the version the spec asks for.</param>
public sealed record VersionPlan(
    ModelVersionStatus Active,
    ModelSpec? ActiveSpec,
    ModelSpec? Pending,
    DateTimeOffset? PendingSince,
    ModelHistoryEntry? FailedAttempt)
{
    public static VersionPlan From(ModelDeploymentSpec spec, ModelDeploymentStatus? status, DateTimeOffset now)
    {
        var desired = spec.Model;
        if (status?.ActiveModel is not { } active || active.Version == desired.Version)
        {
            return new VersionPlan(
                status?.ActiveModel ?? new ModelVersionStatus { Version = desired.Version, Uri = desired.Uri }, desired, null, null, null);
        }
        if (status.History is [{ Outcome: HistoryOutcome.Failed } failed, ..] && failed.Version == desired.Version && failed.Uri == desired.Uri)
        {
            return new VersionPlan(active, null, null, null, failed);
        }
        // The progress deadline counts from the replacement's start, or from a resume: time spent suspended, with every
        // runtime scaled to zero, must not fail the new version the moment it is asked to start again.
        var resuming = ConditionList.IsTrue(status.Conditions, ConditionTypes.Suspended) && !EffectiveSettings.Suspend(spec);
        var since = status.PendingModel is { } pending && pending.Version == desired.Version && !resuming ? pending.Since ?? now : now;
        return new VersionPlan(active, null, desired, since, null);
    }
}
