using System.Text.RegularExpressions;

namespace Modelship.Registry.Selection;

/// <summary>How to choose among a source's versions.</summary>
public enum SelectionStrategy
{
    /// <summary>The newest created time; versions without one are skipped.</summary>
    NewestCreated,
    /// <summary>The highest SemVer 2 precedence; versions that are not semantic versions are skipped.</summary>
    HighestSemanticVersion,
    /// <summary>The one version carrying <see cref="VersionSelectionCriteria.Alias"/>.</summary>
    Alias,
}

/// <param name="Strategy">The rule.</param>
/// <param name="Alias">For <see cref="SelectionStrategy.Alias"/>: the alias (e.g. champion).</param>
/// <param name="VersionPattern">A .NET regular expression a version name must match to be considered (unanchored: write ^...$).</param>
/// <param name="IncludePreReleases">For <see cref="SelectionStrategy.HighestSemanticVersion"/>: whether 2.0.0-rc.1 may be chosen.</param>
public sealed record VersionSelectionCriteria(
    SelectionStrategy Strategy,
    string? Alias = null,
    string? VersionPattern = null,
    bool IncludePreReleases = true);

/// <summary>A version that was not considered, and why.</summary>
public sealed record SkippedVersion(string Version, string Reason);

/// <summary>The chosen version, or null with <see cref="Reason"/> saying why none; <see cref="Skipped"/> lists what was left out.</summary>
public sealed record VersionSelectionResult(ModelVersion? Chosen, string Reason, IReadOnlyList<SkippedVersion> Skipped)
{
    public bool HasVersion => Chosen is not null;
}

/// <summary>
/// Chooses one version among those a source listed. Pure: the same versions and criteria give the same answer.
/// Ties are broken deterministically: by SemVer precedence, then created time, then the version name in ordinal order
/// (the later name wins).
/// </summary>
public static class VersionSelection
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    /// <summary>A problem with the criteria themselves (for spec validation), or null when they are usable.</summary>
    public static string? Validate(VersionSelectionCriteria criteria)
    {
        if (criteria.Strategy == SelectionStrategy.Alias && string.IsNullOrWhiteSpace(criteria.Alias))
            return "selection by alias needs an alias";
        if (criteria.Strategy != SelectionStrategy.Alias && criteria.Alias is not null)
            return $"an alias is only used with selection by {nameof(SelectionStrategy.Alias)}, not {criteria.Strategy}";
        if (criteria.VersionPattern is { } pattern)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.CultureInvariant, PatternTimeout);
            }
            catch (ArgumentException e)
            {
                return $"versionPattern \"{pattern}\" is not a valid regular expression: {e.Message}";
            }
        }
        return null;
    }

    public static VersionSelectionResult Select(IReadOnlyList<ModelVersion> versions, VersionSelectionCriteria criteria)
    {
        if (Validate(criteria) is { } problem)
            return None(problem, []);
        if (versions.Count == 0)
            return None("the source lists no versions", []);

        var skipped = new List<SkippedVersion>();
        var candidates = FilterByPattern(versions, criteria.VersionPattern, skipped);
        if (candidates.Count == 0)
            return None($"no version matches versionPattern \"{criteria.VersionPattern}\"", skipped);

        return criteria.Strategy switch
        {
            SelectionStrategy.NewestCreated => SelectNewestCreated(candidates, skipped),
            SelectionStrategy.HighestSemanticVersion => SelectHighestSemanticVersion(candidates, criteria.IncludePreReleases, skipped),
            SelectionStrategy.Alias => SelectByAlias(candidates, criteria.Alias!, skipped),
            _ => None($"unknown selection strategy {criteria.Strategy}", skipped),
        };
    }

    private static List<ModelVersion> FilterByPattern(IReadOnlyList<ModelVersion> versions, string? pattern, List<SkippedVersion> skipped)
    {
        if (pattern is null)
            return [.. versions];
        var regex = new Regex(pattern, RegexOptions.CultureInvariant, PatternTimeout);
        var matching = new List<ModelVersion>();
        foreach (var version in versions)
        {
            bool matches;
            try
            {
                matches = regex.IsMatch(version.Version);
            }
            catch (RegexMatchTimeoutException)
            {
                skipped.Add(new SkippedVersion(version.Version, $"matching versionPattern took longer than {PatternTimeout.TotalSeconds} s"));
                continue;
            }
            if (matches)
                matching.Add(version);
            else
                skipped.Add(new SkippedVersion(version.Version, $"does not match versionPattern \"{pattern}\""));
        }
        return matching;
    }

    private static VersionSelectionResult SelectNewestCreated(List<ModelVersion> candidates, List<SkippedVersion> skipped)
    {
        var dated = new List<ModelVersion>();
        foreach (var version in candidates)
        {
            if (version.CreatedTime is null)
                skipped.Add(new SkippedVersion(version.Version, "has no created time"));
            else
                dated.Add(version);
        }
        if (dated.Count == 0)
            return None("no version has a created time", skipped);
        var newest = dated.Max(TieBreak.ByCreatedTime)!;
        return Chosen(newest, $"version {newest.Version} is the newest (created {newest.CreatedTime:O})", skipped);
    }

    private static VersionSelectionResult SelectHighestSemanticVersion(List<ModelVersion> candidates, bool includePreReleases, List<SkippedVersion> skipped)
    {
        var parsed = new List<(ModelVersion Version, SemanticVersion SemVer)>();
        foreach (var version in candidates)
        {
            if (!SemanticVersion.TryParse(version.Version, out var semVer))
                skipped.Add(new SkippedVersion(version.Version, "is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build])"));
            else if (semVer.IsPreRelease && !includePreReleases)
                skipped.Add(new SkippedVersion(version.Version, "is a pre-release and pre-releases are excluded"));
            else
                parsed.Add((version, semVer));
        }
        if (parsed.Count == 0)
            return None("no version is a semantic version" + (includePreReleases ? "" : " release"), skipped);
        var highest = parsed.Max(TieBreak.BySemanticVersion).Version;
        return Chosen(highest, $"version {highest.Version} has the highest semantic version", skipped);
    }

    private static VersionSelectionResult SelectByAlias(List<ModelVersion> candidates, string alias, List<SkippedVersion> skipped)
    {
        var aliased = candidates.Where(v => v.Aliases.Contains(alias, StringComparer.Ordinal)).ToList();
        return aliased.Count switch
        {
            0 => None($"no version carries alias \"{alias}\"", skipped),
            1 => Chosen(aliased[0], $"version {aliased[0].Version} carries alias \"{alias}\"", skipped),
            _ => None($"alias \"{alias}\" is on more than one version ({string.Join(", ", aliased.Select(v => v.Version))}); an alias must name one version", skipped),
        };
    }

    private static VersionSelectionResult Chosen(ModelVersion version, string reason, List<SkippedVersion> skipped) => new(version, reason, skipped);

    private static VersionSelectionResult None(string reason, List<SkippedVersion> skipped) => new(null, reason, skipped);

    private static class TieBreak
    {
        public static readonly Comparer<ModelVersion> ByCreatedTime = Comparer<ModelVersion>.Create((a, b) =>
        {
            var order = Nullable.Compare(a.CreatedTime, b.CreatedTime);
            return order != 0 ? order : CompareSemVerThenName(a, b);
        });

        public static readonly Comparer<(ModelVersion Version, SemanticVersion SemVer)> BySemanticVersion = Comparer<(ModelVersion Version, SemanticVersion SemVer)>.Create((a, b) =>
        {
            var order = a.SemVer.CompareTo(b.SemVer);
            if (order == 0)
                order = Nullable.Compare(a.Version.CreatedTime, b.Version.CreatedTime);
            return order != 0 ? order : string.CompareOrdinal(a.Version.Version, b.Version.Version);
        });

        private static int CompareSemVerThenName(ModelVersion a, ModelVersion b)
        {
            if (SemanticVersion.TryParse(a.Version, out var left) && SemanticVersion.TryParse(b.Version, out var right))
            {
                var order = left.CompareTo(right);
                if (order != 0)
                    return order;
            }
            return string.CompareOrdinal(a.Version, b.Version);
        }
    }
}
