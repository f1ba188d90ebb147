using Modelship.Registry.Selection;

namespace Modelship.Registry.Tests.Selection;

public sealed class SemanticVersionTests
{
    [Fact]
    public void Precedence_follows_the_SemVer_2_examples()
    {
        // semver.org, section 11: each is lower than the next.
        string[] ascending =
        [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
            "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "1.9.0", "1.10.0", "2.0.0-0", "2.0.0",
        ];
        var parsed = ascending.Select(Parse).ToList();

        for (var i = 1; i < parsed.Count; i++)
        {
            parsed[i - 1].Should().BeLessThan(parsed[i], $"{ascending[i - 1]} < {ascending[i]}");
            (parsed[i - 1] < parsed[i]).Should().BeTrue();
        }
        parsed.AsEnumerable().Reverse().Order().Select(v => v.ToString()).Should().Equal(ascending);
    }

    [Theory]
    [InlineData("1.0.0+build.1", "1.0.0+build.2")]
    [InlineData("v1.2.3", "1.2.3")]
    [InlineData("1.0.0-rc.1+sha.5114f85", "1.0.0-rc.1")]
    public void Build_metadata_and_a_leading_v_do_not_change_precedence(string left, string right)
    {
        Parse(left).CompareTo(Parse(right)).Should().Be(0);
        Parse(left).Should().Be(Parse(right));
        Parse(left).GetHashCode().Should().Be(Parse(right).GetHashCode());
    }

    [Fact]
    public void Numbers_beyond_64_bits_compare_numerically()
    {
        Parse("1.0.0-99999999999999999999").Should().BeGreaterThan(Parse("1.0.0-9999999999999999999"));
        Parse("18446744073709551616.0.0").Should().BeGreaterThan(Parse("18446744073709551615.0.0"));
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1")]
    [InlineData("01.0.0")]
    [InlineData("1.0.0-01")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0+")]
    [InlineData("1.0.0-alpha..1")]
    [InlineData("latest")]
    [InlineData("2026-12-01")]
    [InlineData(" 1.0.0")]
    public void Rejects_what_is_not_a_semantic_version(string text)
    {
        SemanticVersion.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void Exposes_its_parts()
    {
        var version = Parse("v2.10.3-rc.1+build.7");

        (version.Major, version.Minor, version.Patch).Should().Be((2, 10, 3));
        version.PreRelease.Should().Equal("rc", "1");
        version.Build.Should().Be("build.7");
        version.IsPreRelease.Should().BeTrue();
        version.ToString().Should().Be("2.10.3-rc.1+build.7");
    }

    private static SemanticVersion Parse(string text) =>
        SemanticVersion.TryParse(text, out var version) ? version : throw new ArgumentException($"{text} should parse");
}
