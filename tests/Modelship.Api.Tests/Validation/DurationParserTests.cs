using Modelship.Api.Validation;

namespace Modelship.Api.Tests.Validation;

public class DurationParserTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("250ms", 250)]
    [InlineData("1.5s", 1_500)]
    [InlineData("1m30s500ms", 90_500)]
    public void Parses_go_style_durations(string text, double milliseconds)
    {
        DurationParser.TryParse(text, out var duration).Should().BeTrue();
        duration.TotalMilliseconds.Should().Be(milliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("5")]
    [InlineData("5 minutes")]
    [InlineData("-5s")]
    [InlineData("1d")]
    [InlineData("s")]
    public void Rejects_other_text(string? text)
    {
        DurationParser.TryParse(text, out _).Should().BeFalse();
    }
}
