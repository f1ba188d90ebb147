using Modelship.Api.V1Alpha1;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using Schedule = Modelship.Api.V1Alpha1.RefreshSchedule;

namespace Modelship.Operator.Controllers.RefreshSchedule;

/// <summary>
/// Pure: recognizes a run whose promotion patch reached the target but whose status write did not (the operator
/// stopped in between). The run is due again, and its candidate is already the target's champion, which alone would
/// read as NoNewVersion and lose the record of the promotion: status.promoted, whose metrics are the baseline of the
/// next metric check. It is recognized by the target's <see cref="TargetModelPatch.PromotedByAnnotation"/> naming this
/// schedule, the reason SCHEDULED_REFRESH, and a status.promoted that names another version.
/// </summary>
public static class InterruptedPromotion
{
    /// <summary>The promotion to record for <paramref name="decision"/>, or null when it is not an interrupted one.</summary>
    public static RefreshPromotedVersion? Recognize(Schedule schedule, MD target, RefreshRunDecision decision, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(decision);
        if (decision is not { Result: RefreshRunResult.NoNewVersion, Candidate: { } candidate }
            || target.Spec.Model.Version != candidate.Version
            || target.Spec.Replacement?.Reason != ReplacementReason.ScheduledRefresh
            || target.Metadata.Annotations?.TryGetValue(TargetModelPatch.PromotedByAnnotation, out var by) != true
            || by != schedule.Metadata.Name
            || schedule.Status?.Promoted?.Version == candidate.Version)
        {
            return null;
        }
        return new RefreshPromotedVersion
        {
            Version = candidate.Version,
            Uri = target.Spec.Model.Uri,
            PromotedAt = now,
            Metrics = candidate.Metrics.Count > 0 ? new Dictionary<string, double>(candidate.Metrics, StringComparer.Ordinal) : null,
        };
    }

    public static string Message(string version) =>
        $"version {version} was promoted by a run the operator stopped before recording it; recorded now (its metric checks are not repeated)";
}
