using Modelship.Telemetry;

namespace Modelship.Telemetry.Tests;

/// <summary>Values computed by hand with PromQL's rules (and cross-checked with promtool's histogram_quantile).</summary>
public sealed class HistogramQuantileTests
{
    // 10 observations <= 0.1, 50 in (0.1, 0.5], 30 in (0.5, 1], 10 above 1.
    private static readonly HistogramBucket[] Latencies = [new(0.1, 10), new(0.5, 60), new(1, 90), new(double.PositiveInfinity, 100)];

    [Theory]
    [InlineData(0.05, 0.05)] // rank 5 in the first bucket: 0 + 0.1 * 5/10
    [InlineData(0.1, 0.1)] // rank 10 is the first bucket's upper bound
    [InlineData(0.5, 0.42)] // rank 50: 0.1 + 0.4 * 40/50
    [InlineData(0.6, 0.5)] // rank 60 ends the second bucket exactly
    [InlineData(0.75, 0.75)] // rank 75: 0.5 + 0.5 * 15/30
    [InlineData(0.9, 1.0)] // rank 90 ends the last finite bucket
    [InlineData(0.99, 1.0)] // rank 99 falls in +Inf: the last finite upper bound
    [InlineData(1.0, 1.0)]
    public void Interpolates_linearly_within_the_bucket_holding_the_rank(double quantile, double expected) =>
        HistogramQuantile.Of(quantile, Latencies).Should().BeApproximately(expected, 1e-12);

    [Fact]
    public void Bucket_order_does_not_matter() =>
        HistogramQuantile.Of(0.5, Latencies.Reverse()).Should().BeApproximately(0.42, 1e-12);

    [Fact]
    public void Buckets_with_the_same_bound_add_up_like_sum_by_le()
    {
        // Two routers with the same histogram: the quantiles do not move; one with a slow tail moves the p99.
        HistogramQuantile.Of(0.5, [.. Latencies, .. Latencies]).Should().BeApproximately(0.42, 1e-12);
        HistogramQuantile.Of(0.5, [.. Latencies, new(0.1, 0), new(0.5, 0), new(1, 0), new(double.PositiveInfinity, 100)])
            .Should().BeApproximately(1.0, 1e-12); // rank 100 of 200: in +Inf
    }

    [Fact]
    public void A_decreasing_count_is_raised_to_the_running_maximum() =>
        // 0.5 -> 5 is read as 10; rank 10 ends the first bucket.
        HistogramQuantile.Of(0.5, [new(0.1, 10), new(0.5, 5), new(1, 20), new(double.PositiveInfinity, 20)]).Should().BeApproximately(0.1, 1e-12);

    [Fact]
    public void A_first_bucket_bounded_at_or_below_zero_returns_its_bound() =>
        HistogramQuantile.Of(0.2, [new(0, 5), new(1, 10), new(double.PositiveInfinity, 10)]).Should().Be(0);

    [Fact]
    public void Everything_above_the_last_finite_bound_returns_that_bound() =>
        HistogramQuantile.Of(0.5, [new(0.25, 0), new(30, 0), new(double.PositiveInfinity, 7)]).Should().Be(30);

    [Fact]
    public void An_empty_histogram_has_no_quantile()
    {
        HistogramQuantile.Of(0.99, [new(0.1, 0), new(double.PositiveInfinity, 0)]).Should().Be(double.NaN);
        HistogramQuantile.Of(0.99, []).Should().Be(double.NaN);
    }

    [Fact]
    public void Without_a_plus_inf_bucket_or_with_only_one_bound_there_is_no_quantile()
    {
        HistogramQuantile.Of(0.5, [new(0.1, 10), new(1, 20)]).Should().Be(double.NaN);
        HistogramQuantile.Of(0.5, [new(double.PositiveInfinity, 20)]).Should().Be(double.NaN);
    }

    [Fact]
    public void Quantiles_outside_zero_to_one_are_infinite_and_nan_is_nan()
    {
        HistogramQuantile.Of(-0.1, Latencies).Should().Be(double.NegativeInfinity);
        HistogramQuantile.Of(1.1, Latencies).Should().Be(double.PositiveInfinity);
        HistogramQuantile.Of(double.NaN, Latencies).Should().Be(double.NaN);
    }
}
