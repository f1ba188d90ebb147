using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Modelship.Registry.Selection;

/// <summary>
/// A Semantic Versioning 2.0.0 version ("1.4.0", "2.0.0-rc.1+build.5"), ordered by SemVer precedence: build metadata
/// is ignored, a pre-release is lower than its release, pre-release identifiers compare numerically when numeric,
/// else in ASCII order, numeric below alphanumeric, and a longer identifier list is higher when the shared part is equal.
/// A leading "v" ("v1.2.3"), as in most tags, is accepted.
/// </summary>
public sealed partial class SemanticVersion : IComparable<SemanticVersion>
{
    private SemanticVersion(BigInteger major, BigInteger minor, BigInteger patch, IReadOnlyList<string> preRelease, string? build)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        PreRelease = preRelease;
        Build = build;
    }

    public BigInteger Major { get; }

    public BigInteger Minor { get; }

    public BigInteger Patch { get; }

    /// <summary>The dot-separated pre-release identifiers; empty for a release.</summary>
    public IReadOnlyList<string> PreRelease { get; }

    public string? Build { get; }

    public bool IsPreRelease => PreRelease.Count > 0;

    public static bool TryParse(string text, [NotNullWhen(true)] out SemanticVersion? version)
    {
        version = null;
        var match = SemVerPattern().Match(text);
        if (!match.Success)
            return false;
        version = new SemanticVersion(
            BigInteger.Parse(match.Groups["major"].ValueSpan),
            BigInteger.Parse(match.Groups["minor"].ValueSpan),
            BigInteger.Parse(match.Groups["patch"].ValueSpan),
            match.Groups["pre"].Success ? match.Groups["pre"].Value.Split('.') : [],
            match.Groups["build"].Success ? match.Groups["build"].Value : null);
        return true;
    }

    /// <summary>Precedence order; 0 for versions that differ only in build metadata.</summary>
    public int CompareTo(SemanticVersion? other)
    {
        if (other is null)
            return 1;
        var core = Major.CompareTo(other.Major);
        if (core == 0)
            core = Minor.CompareTo(other.Minor);
        if (core == 0)
            core = Patch.CompareTo(other.Patch);
        if (core != 0)
            return core;
        return ComparePreRelease(PreRelease, other.PreRelease);
    }

    /// <summary>Equal precedence (build metadata ignored), consistent with <see cref="CompareTo"/>.</summary>
    public override bool Equals(object? obj) => obj is SemanticVersion other && CompareTo(other) == 0;

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Major);
        hash.Add(Minor);
        hash.Add(Patch);
        foreach (var identifier in PreRelease)
            hash.Add(identifier, StringComparer.Ordinal); // numeric identifiers have no leading zeros, so text equality is numeric equality
        return hash.ToHashCode();
    }

    public static bool operator ==(SemanticVersion? left, SemanticVersion? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(SemanticVersion? left, SemanticVersion? right) => !(left == right);

    public static bool operator <(SemanticVersion? left, SemanticVersion? right) => Compare(left, right) < 0;

    public static bool operator <=(SemanticVersion? left, SemanticVersion? right) => Compare(left, right) <= 0;

    public static bool operator >(SemanticVersion? left, SemanticVersion? right) => Compare(left, right) > 0;

    public static bool operator >=(SemanticVersion? left, SemanticVersion? right) => Compare(left, right) >= 0;

    private static int Compare(SemanticVersion? left, SemanticVersion? right) => left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    public override string ToString() =>
        $"{Major}.{Minor}.{Patch}{(IsPreRelease ? "-" + string.Join('.', PreRelease) : "")}{(Build is null ? "" : "+" + Build)}";

    private static int ComparePreRelease(IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        if (left.Count == 0 || right.Count == 0)
            return right.Count.CompareTo(left.Count); // no pre-release ranks above any pre-release
        for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
        {
            var order = CompareIdentifier(left[i], right[i]);
            if (order != 0)
                return order;
        }
        return left.Count.CompareTo(right.Count);
    }

    private static int CompareIdentifier(string left, string right)
    {
        var leftNumeric = left.All(char.IsAsciiDigit);
        var rightNumeric = right.All(char.IsAsciiDigit);
        return (leftNumeric, rightNumeric) switch
        {
            (true, true) => BigInteger.Parse(left).CompareTo(BigInteger.Parse(right)),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(left, right) switch { < 0 => -1, > 0 => 1, _ => 0 },
        };
    }

    // The regular expression suggested by semver.org, with an optional leading v.
    [GeneratedRegex(
        @"^[vV]?(?<major>0|[1-9]\d*)\.(?<minor>0|[1-9]\d*)\.(?<patch>0|[1-9]\d*)" +
        @"(?:-(?<pre>(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?" +
        @"(?:\+(?<build>[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex SemVerPattern();
}
