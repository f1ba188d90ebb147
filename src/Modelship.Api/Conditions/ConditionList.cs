namespace Modelship.Api.Conditions;

/// <summary>Pure operations on a list of conditions with one entry per type.</summary>
public static class ConditionList
{
    /// <summary>
    /// Returns <paramref name="conditions"/> with <paramref name="condition"/> added or replacing the entry of its
    /// type. When the status is unchanged the existing lastTransitionTime is kept, so it records the last transition
    /// rather than the last reconcile. Other entries keep their order; a new type is appended.
    /// </summary>
    public static IReadOnlyList<Condition> Set(IReadOnlyList<Condition>? conditions, Condition condition)
    {
        var result = new List<Condition>((conditions?.Count ?? 0) + 1);
        var replaced = false;
        foreach (var existing in conditions ?? [])
        {
            if (!string.Equals(existing.Type, condition.Type, StringComparison.Ordinal))
            {
                result.Add(existing);
                continue;
            }
            if (!replaced)
            {
                result.Add(existing.Status == condition.Status
                    ? condition with { LastTransitionTime = existing.LastTransitionTime }
                    : condition);
                replaced = true;
            }
        }
        if (!replaced)
        {
            result.Add(condition);
        }
        return result;
    }

    /// <summary>The condition of the given type, or null.</summary>
    public static Condition? Find(IReadOnlyList<Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.Ordinal));

    /// <summary>Whether the condition of the given type exists and is True.</summary>
    public static bool IsTrue(IReadOnlyList<Condition>? conditions, string type) =>
        Find(conditions, type)?.Status == ConditionStatus.True;

    /// <summary>
    /// Whether two lists state the same facts, ignoring order; lets a reconciler skip a status write when nothing
    /// changed.
    /// </summary>
    public static bool SameFacts(IReadOnlyList<Condition>? left, IReadOnlyList<Condition>? right)
    {
        var a = left ?? [];
        var b = right ?? [];
        return a.Count == b.Count && a.All(c => Find(b, c.Type) == c);
    }
}
