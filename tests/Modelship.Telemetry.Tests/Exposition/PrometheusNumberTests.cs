using System.Globalization;
using Modelship.Telemetry.Exposition;

namespace Modelship.Telemetry.Tests.Exposition;

public sealed class PrometheusNumberTests
{
    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-42.0, "-42")]
    [InlineData(1_000_000.0, "1000000")]
    [InlineData(999_999_999_999_999.0, "999999999999999")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(1e16, "10000000000000000")]
    [InlineData(-1e21, "-1e+21")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.005, "0.005")]
    [InlineData(2.5, "2.5")]
    [InlineData(1e-7, "1e-07")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(double.Epsilon, "5e-324")]
    public void Formats_doubles_as_the_text_format_expects(double value, string expected) =>
        PrometheusNumber.Format(value).Should().Be(expected);

    [Fact]
    public void Negative_zero_is_plain_zero() => PrometheusNumber.Format(-0.0).Should().Be("0");

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    [InlineData(long.MinValue, "-9223372036854775808")]
    public void Formats_longs_digit_for_digit(long value, string expected) =>
        PrometheusNumber.Format(value).Should().Be(expected);

    [Fact]
    public void Round_trips_every_formatted_finite_double()
    {
        var random = new Random(20261122);
        for (var i = 0; i < 10_000; i++)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsFinite(value))
            {
                continue;
            }
            double.Parse(PrometheusNumber.Format(value), CultureInfo.InvariantCulture).Should().Be(value);
        }
    }

    [Fact]
    public void Ignores_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        var decimalComma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        decimalComma.NumberFormat.NumberDecimalSeparator = ",";
        decimalComma.NumberFormat.NegativeSign = "~";
        try
        {
            CultureInfo.CurrentCulture = decimalComma;
            PrometheusNumber.Format(-2.5).Should().Be("-2.5");
            PrometheusNumber.Format(-3L).Should().Be("-3");
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
