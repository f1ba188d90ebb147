using Modelship.Telemetry.Exposition;

namespace Modelship.Telemetry.Tests.Exposition;

public sealed class PrometheusEscapingTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData(@"C:\models", @"C:\\models")]
    [InlineData("two\nlines", @"two\nlines")]
    [InlineData("say \"hi\"", "say \"hi\"")]
    [InlineData("\\n is not a newline", @"\\n is not a newline")]
    public void Help_text_escapes_backslash_and_newline_only(string text, string expected) =>
        PrometheusEscaping.HelpText(text).Should().Be(expected);

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData(@"a\b", @"a\\b")]
    [InlineData("say \"hi\"", "say \\\"hi\\\"")]
    [InlineData("two\nlines", @"two\nlines")]
    [InlineData("\\\"\n", "\\\\\\\"\\n")]
    [InlineData("tab\tand ünïcode", "tab\tand ünïcode")]
    public void Label_values_escape_backslash_quote_and_newline(string value, string expected) =>
        PrometheusEscaping.LabelValue(value).Should().Be(expected);
}
