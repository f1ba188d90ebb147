using Modelship.Operator.Controllers.ModelDeployment.Rollout;

namespace Modelship.Operator.Tests.ModelDeployment.Rollout;

public sealed class AnalysisSampleTests
{
    [Fact]
    public void Reads_names_labels_and_values()
    {
        var sample = AnalysisSample.TryParseLine("""modelship_requests_total{model="iris",version="v2",code="503"} 17""")!;
        sample.Name.Should().Be("modelship_requests_total");
        sample.Labels.Should().Equal(new Dictionary<string, string> { ["model"] = "iris", ["version"] = "v2", ["code"] = "503" });
        sample.Value.Should().Be(17);
    }

    [Fact]
    public void Unescapes_label_values_so_a_version_cannot_match_by_accident()
    {
        var sample = AnalysisSample.TryParseLine("""m{a="x\"version=\"v2\"",b="back\\slash\nline",} 1 1700000000000""")!;
        sample.Label("a").Should().Be("x\"version=\"v2\"");
        sample.Label("b").Should().Be("back\\slash\nline");
        sample.Label("version").Should().BeEmpty();
    }

    [Theory]
    [InlineData("m 1.5e-3", 0.0015)]
    [InlineData("m{} 2", 2)]
    [InlineData("m{le=\"+Inf\"} +Inf", double.PositiveInfinity)]
    public void Reads_plain_and_special_values(string line, double expected) =>
        AnalysisSample.TryParseLine(line)!.Value.Should().Be(expected);

    [Theory]
    [InlineData("m{a=\"unterminated} 1")]
    [InlineData("m{a=x} 1")]
    [InlineData("m")]
    [InlineData("m one")]
    public void Skips_malformed_lines(string line) => AnalysisSample.TryParseLine(line).Should().BeNull();

    [Fact]
    public void Skips_comments_and_blank_lines() =>
        AnalysisSample.Parse("# HELP m help\n# TYPE m counter\n\nm 3\r\n").Select(s => s.Value).Should().Equal(3);
}
