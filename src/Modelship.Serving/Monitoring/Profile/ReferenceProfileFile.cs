using System.Text.Json;

namespace Modelship.Serving.Monitoring.Profile;

/// <summary>Reads and writes the profile JSON, refusing a profile the router could not use (with the reason).</summary>
public static class ReferenceProfileFile
{
    public static string Serialize(ReferenceProfile profile) => JsonSerializer.Serialize(profile, ProfileJsonContext.Default.ReferenceProfile);

    /// <summary>The profile in <paramref name="utf8Json"/>; throws <see cref="ProfileInputException"/> saying what is wrong.</summary>
    public static ReferenceProfile Parse(ReadOnlySpan<byte> utf8Json)
    {
        ReferenceProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize(utf8Json, ProfileJsonContext.Default.ReferenceProfile);
        }
        catch (JsonException e)
        {
            throw new ProfileInputException($"not a reference profile: {e.Message}", e);
        }
        if (profile is null)
        {
            throw new ProfileInputException("not a reference profile: the JSON is null");
        }
        var problems = Problems(profile);
        if (problems.Count > 0)
        {
            throw new ProfileInputException($"the reference profile is invalid: {string.Join("; ", problems)}");
        }
        return profile;
    }

    /// <summary>Why the profile cannot be used; empty when it can.</summary>
    public static IReadOnlyList<string> Problems(ReferenceProfile profile)
    {
        var problems = new List<string>();
        if (profile.Version != ReferenceProfile.CurrentVersion)
        {
            problems.Add($"version {profile.Version} is not supported (this router reads version {ReferenceProfile.CurrentVersion})");
            return problems;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (section, columns) in new[] { ("features", profile.Features), ("predictions", profile.Predictions) })
        {
            names.Clear();
            foreach (var column in columns ?? [])
            {
                var where = $"{section} '{column?.Name}'";
                if (column is null || string.IsNullOrEmpty(column.Name))
                {
                    problems.Add($"{section}: an entry has no name");
                    continue;
                }
                if (!names.Add(column.Name))
                {
                    problems.Add($"{where}: named twice");
                }
                if (column.Type == ColumnType.Numeric && (column.Edges is null || column.Edges.Zip(column.Edges.Skip(1)).Any(p => !(p.First < p.Second)) || column.Edges.Any(e => !double.IsFinite(e))))
                {
                    problems.Add($"{where}: numeric edges must be finite and strictly ascending");
                }
                if (column.Type == ColumnType.Categorical && column.Categories is null)
                {
                    problems.Add($"{where}: categorical without categories");
                }
                if (column.Proportions is null || (column.Proportions.Count > 0 && column.Proportions.Count != column.BinCount))
                {
                    problems.Add($"{where}: {column.Proportions?.Count ?? 0} proportions for {column.BinCount} bins");
                }
                else if (column.Proportions.Any(p => !(p >= 0 && p <= 1)))
                {
                    problems.Add($"{where}: proportions must be between 0 and 1");
                }
            }
        }
        return problems;
    }
}
