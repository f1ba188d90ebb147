using Modelship.Registry.Selection;

namespace Modelship.Registry.Tests.Selection;

public sealed class VersionSelectionTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static ModelVersion V(string version, int? day = null, params string[] aliases) =>
        new(version, $"s3://models/{version}", null, day is { } d ? Day1.AddDays(d - 1) : null, ModelVersion.NoMetrics, aliases);

    public static TheoryData<string, ModelVersion[], VersionSelectionCriteria, string?> Cases => new()
    {
        // name, versions, criteria, chosen version (null: none)
        { "newest by created time", [V("a", 1), V("b", 3), V("c", 2)], new(SelectionStrategy.NewestCreated), "b" },
        { "newest ignores names", [V("9.0.0", 1), V("1.0.0", 2)], new(SelectionStrategy.NewestCreated), "1.0.0" },
        { "newest skips undated", [V("a"), V("b", 1)], new(SelectionStrategy.NewestCreated), "b" },
        { "newest with none dated", [V("a"), V("b")], new(SelectionStrategy.NewestCreated), null },
        { "newest tie: higher semver", [V("1.10.0", 1), V("1.9.0", 1)], new(SelectionStrategy.NewestCreated), "1.10.0" },
        { "newest tie: later name", [V("run-a", 1), V("run-b", 1)], new(SelectionStrategy.NewestCreated), "run-b" },
        { "semver precedence, not text", [V("1.9.0"), V("1.10.0"), V("1.2.0")], new(SelectionStrategy.HighestSemanticVersion), "1.10.0" },
        { "release above its pre-release", [V("2.0.0-rc.2"), V("2.0.0"), V("2.0.0-rc.10")], new(SelectionStrategy.HighestSemanticVersion), "2.0.0" },
        { "pre-release above older release", [V("1.4.0"), V("1.5.0-rc.1")], new(SelectionStrategy.HighestSemanticVersion), "1.5.0-rc.1" },
        { "pre-releases excluded", [V("1.4.0"), V("1.5.0-rc.1")], new(SelectionStrategy.HighestSemanticVersion, IncludePreReleases: false), "1.4.0" },
        { "only pre-releases, excluded", [V("1.5.0-rc.1")], new(SelectionStrategy.HighestSemanticVersion, IncludePreReleases: false), null },
        { "pre-release identifiers numeric", [V("1.0.0-beta.11"), V("1.0.0-beta.2")], new(SelectionStrategy.HighestSemanticVersion), "1.0.0-beta.11" },
        { "non-semver ignored", [V("latest", 9), V("1.0.0", 1), V("2026-12-01")], new(SelectionStrategy.HighestSemanticVersion), "1.0.0" },
        { "no semver at all", [V("latest"), V("nightly")], new(SelectionStrategy.HighestSemanticVersion), null },
        { "semver tie (build metadata): newer", [V("1.0.0+b1", 2), V("1.0.0+b2", 1)], new(SelectionStrategy.HighestSemanticVersion), "1.0.0+b1" },
        { "semver with v prefix", [V("v1.2.0"), V("v1.10.0")], new(SelectionStrategy.HighestSemanticVersion), "v1.10.0" },
        { "alias", [V("1", 1, "champion"), V("2", 2, "challenger")], new(SelectionStrategy.Alias, Alias: "champion"), "1" },
        { "alias is case sensitive", [V("1", 1, "Champion")], new(SelectionStrategy.Alias, Alias: "champion"), null },
        { "alias on two versions", [V("1", 1, "champion"), V("2", 2, "champion")], new(SelectionStrategy.Alias, Alias: "champion"), null },
        { "pattern filters first", [V("1.0.0", 1), V("2.0.0-nightly", 3), V("1.1.0", 2)], new(SelectionStrategy.NewestCreated, VersionPattern: @"^\d+\.\d+\.\d+$"), "1.1.0" },
        { "pattern keeps one model's versions", [V("churn-1", 1), V("fraud-2", 3), V("churn-2", 2)], new(SelectionStrategy.NewestCreated, VersionPattern: "^churn-"), "churn-2" },
        { "pattern unanchored", [V("a-prod-1", 1), V("b-dev-2", 2)], new(SelectionStrategy.NewestCreated, VersionPattern: "prod"), "a-prod-1" },
        { "pattern matches none", [V("1.0.0", 1)], new(SelectionStrategy.NewestCreated, VersionPattern: "^release-"), null },
        { "pattern hides the aliased", [V("1.0.0", 1, "champion")], new(SelectionStrategy.Alias, Alias: "champion", VersionPattern: "^2"), null },
        { "empty list", [], new(SelectionStrategy.NewestCreated), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Chooses(string name, ModelVersion[] versions, VersionSelectionCriteria criteria, string? expected)
    {
        var result = VersionSelection.Select(versions, criteria);

        result.Chosen?.Version.Should().Be(expected, name);
        if (expected is null)
            result.Chosen.Should().BeNull(name);
        result.HasVersion.Should().Be(expected is not null);
        result.Reason.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Non_semantic_versions_are_listed_as_skipped_with_a_reason()
    {
        var result = VersionSelection.Select([V("latest"), V("1.0.0"), V("2.0.0-rc.1")],
            new VersionSelectionCriteria(SelectionStrategy.HighestSemanticVersion, IncludePreReleases: false));

        result.Chosen!.Version.Should().Be("1.0.0");
        result.Reason.Should().Be("version 1.0.0 has the highest semantic version");
        result.Skipped.Should().Equal(
            new SkippedVersion("latest", "is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build])"),
            new SkippedVersion("2.0.0-rc.1", "is a pre-release and pre-releases are excluded"));
    }

    [Theory]
    [InlineData(new[] { "a" }, SelectionStrategy.NewestCreated, null, null, "no version has a created time")]
    [InlineData(new[] { "x" }, SelectionStrategy.HighestSemanticVersion, null, null, "no version is a semantic version")]
    [InlineData(new[] { "x" }, SelectionStrategy.Alias, "champion", null, "no version carries alias \"champion\"")]
    [InlineData(new[] { "x" }, SelectionStrategy.NewestCreated, null, "^y", "no version matches versionPattern \"^y\"")]
    [InlineData(new string[0], SelectionStrategy.NewestCreated, null, null, "the source lists no versions")]
    public void No_version_comes_with_a_reason(string[] names, SelectionStrategy strategy, string? alias, string? pattern, string reason)
    {
        var result = VersionSelection.Select(names.Select(n => V(n)).ToList(), new VersionSelectionCriteria(strategy, alias, pattern));

        result.Chosen.Should().BeNull();
        result.Reason.Should().Be(reason);
    }

    [Fact]
    public void An_alias_on_two_versions_names_them()
    {
        var result = VersionSelection.Select([V("1", 1, "champion"), V("2", 2, "champion")], new VersionSelectionCriteria(SelectionStrategy.Alias, "champion"));

        result.Reason.Should().Be("alias \"champion\" is on more than one version (1, 2); an alias must name one version");
    }

    [Theory]
    [InlineData(SelectionStrategy.Alias, null, null, "selection by alias needs an alias")]
    [InlineData(SelectionStrategy.NewestCreated, "champion", null, "an alias is only used with selection by Alias, not NewestCreated")]
    [InlineData(SelectionStrategy.NewestCreated, null, "([a-z", "versionPattern \"([a-z\" is not a valid regular expression")]
    public void Unusable_criteria_are_reported_by_Validate_and_Select(SelectionStrategy strategy, string? alias, string? pattern, string problem)
    {
        var criteria = new VersionSelectionCriteria(strategy, alias, pattern);

        VersionSelection.Validate(criteria).Should().StartWith(problem);
        var result = VersionSelection.Select([V("1.0.0", 1, "champion")], criteria);
        result.Chosen.Should().BeNull();
        result.Reason.Should().StartWith(problem);
    }

    [Fact]
    public void Usable_criteria_validate()
    {
        VersionSelection.Validate(new VersionSelectionCriteria(SelectionStrategy.Alias, "champion", @"^\d+$")).Should().BeNull();
    }
}
