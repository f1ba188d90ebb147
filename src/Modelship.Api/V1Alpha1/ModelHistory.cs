using Modelship.Api.Defaults;

namespace Modelship.Api.V1Alpha1;

/// <summary>Pure operations on status.history: newest first, at most <see cref="ModelDeploymentDefaults.HistoryLimit"/> entries.</summary>
public static class ModelHistory
{
    /// <summary>Puts <paramref name="entry"/> first and drops the oldest entries beyond the limit.</summary>
    public static IReadOnlyList<ModelHistoryEntry> Record(IReadOnlyList<ModelHistoryEntry>? history, ModelHistoryEntry entry, int limit = ModelDeploymentDefaults.HistoryLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return [entry, .. (history ?? []).Take(limit - 1)];
    }

    /// <summary>
    /// Marks the entry of the active champion as replaced at <paramref name="retiredAt"/>; returns the history
    /// unchanged when no entry is active.
    /// </summary>
    public static IReadOnlyList<ModelHistoryEntry> RetireActive(IReadOnlyList<ModelHistoryEntry>? history, DateTimeOffset retiredAt) =>
        (history ?? []).Select(e => e.Outcome == HistoryOutcome.Active ? e with { Outcome = HistoryOutcome.Replaced, RetiredAt = retiredAt } : e).ToList();
}
