using Modelship.Api.Validation;

namespace Modelship.Api.Tests.Validation;

public sealed class RegressionAllowanceTests
{
    [Theory]
    [InlineData("0.01", 0.01, false)]
    [InlineData("0", 0, false)]
    [InlineData(".5", 0.5, false)]
    [InlineData("10%", 0.1, true)]
    [InlineData("2.5%", 0.025, true)]
    public void An_amount_or_a_percentage(string text, double amount, bool relative)
    {
        RegressionAllowance.TryParseAmount(text, out var allowance).Should().BeTrue();
        allowance.Relative.Should().Be(relative);
        allowance.Amount.Should().BeApproximately(amount, 1e-12);
    }

    [Theory]
    [InlineData("50ms", 0.05, false)]
    [InlineData("1s", 1, false)]
    [InlineData("1m30s", 90, false)]
    [InlineData("10%", 0.1, true)]
    public void A_duration_in_seconds_or_a_percentage(string text, double amount, bool relative)
    {
        RegressionAllowance.TryParseDuration(text, out var allowance).Should().BeTrue();
        allowance.Relative.Should().Be(relative);
        allowance.Amount.Should().BeApproximately(amount, 1e-12);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-0.1")]
    [InlineData("1e-2")]
    [InlineData("%")]
    [InlineData("ten%")]
    [InlineData("5ms")]
    [InlineData("NaN")]
    public void Not_an_amount(string text) => RegressionAllowance.TryParseAmount(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("50")]
    [InlineData("-50ms")]
    [InlineData("fast")]
    public void Not_a_duration(string text) => RegressionAllowance.TryParseDuration(text, out _).Should().BeFalse();
}
