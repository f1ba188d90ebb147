namespace Modelship.Telemetry.Tests.Conformance;

/// <summary>Checks our exposition with <c>promtool check metrics</c> (Debian prometheus): Go's strict parser plus lint.</summary>
public sealed class PromtoolTests
{
    [Fact]
    public void Promtool_accepts_the_exposition_without_lint_findings()
    {
        using var test = new IsolatedMeter();
        KitchenSinkMeter.Populate(test.Meter);
        var exposition = test.Scrape();

        var result = ExternalTool.Run(ExternalTool.Promtool(), ["check", "metrics"], exposition);

        (result.Stdout + result.Stderr).Should().BeEmpty($"promtool should find nothing to complain about in:\n{exposition}");
        result.ExitCode.Should().Be(0);
    }

    [Fact]
    public void Promtool_rejects_what_the_format_forbids()
    {
        // Guards the test above against a promtool that accepts anything: a duplicate label is a parse error.
        var result = ExternalTool.Run(ExternalTool.Promtool(), ["check", "metrics"], "# TYPE x gauge\nx{a=\"1\",a=\"2\"} 1\n");

        result.ExitCode.Should().NotBe(0);
    }
}
