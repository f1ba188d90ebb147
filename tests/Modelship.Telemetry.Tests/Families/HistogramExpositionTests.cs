using System.Diagnostics.Metrics;

namespace Modelship.Telemetry.Tests.Families;

public sealed class HistogramExpositionTests
{
    [Fact]
    public void Advised_buckets_are_cumulative_with_inclusive_upper_bounds_then_sum_and_count()
    {
        using var test = new IsolatedMeter();
        var histogram = test.Meter.CreateHistogram(
            "modelship_request_duration_seconds",
            unit: "s",
            description: "Request latency.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.25, 1, 2.5] });
        var tag = new KeyValuePair<string, object?>("model", "iris");

        foreach (var seconds in new[] { 0.125, 0.25, 0.75, 1, 2, 30 })
        {
            histogram.Record(seconds, tag);
        }

        test.Scrape().Should().Be("""
            # HELP modelship_request_duration_seconds Request latency.
            # TYPE modelship_request_duration_seconds histogram
            modelship_request_duration_seconds_bucket{model="iris",le="0.25"} 2
            modelship_request_duration_seconds_bucket{model="iris",le="1"} 4
            modelship_request_duration_seconds_bucket{model="iris",le="2.5"} 5
            modelship_request_duration_seconds_bucket{model="iris",le="+Inf"} 6
            modelship_request_duration_seconds_sum{model="iris"} 34.125
            modelship_request_duration_seconds_count{model="iris"} 6

            """);
    }

    [Fact]
    public void Without_advice_the_Prometheus_default_buckets_apply()
    {
        using var test = new IsolatedMeter();
        var histogram = test.Meter.CreateHistogram<double>("modelship_work_seconds");

        histogram.Record(0.3);

        test.Scrape().Should().Be("""
            # TYPE modelship_work_seconds histogram
            modelship_work_seconds_bucket{le="0.005"} 0
            modelship_work_seconds_bucket{le="0.01"} 0
            modelship_work_seconds_bucket{le="0.025"} 0
            modelship_work_seconds_bucket{le="0.05"} 0
            modelship_work_seconds_bucket{le="0.1"} 0
            modelship_work_seconds_bucket{le="0.25"} 0
            modelship_work_seconds_bucket{le="0.5"} 1
            modelship_work_seconds_bucket{le="1"} 1
            modelship_work_seconds_bucket{le="2.5"} 1
            modelship_work_seconds_bucket{le="5"} 1
            modelship_work_seconds_bucket{le="10"} 1
            modelship_work_seconds_bucket{le="+Inf"} 1
            modelship_work_seconds_sum 0.3
            modelship_work_seconds_count 1

            """);
    }

    [Fact]
    public void Integer_histogram_uses_integer_advice()
    {
        using var test = new IsolatedMeter();
        var histogram = test.Meter.CreateHistogram(
            "modelship_batch_size", unit: null, description: null, tags: null,
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 8, 64] });

        histogram.Record(1);
        histogram.Record(9);
        histogram.Record(100);

        test.Scrape().Should().Be("""
            # TYPE modelship_batch_size histogram
            modelship_batch_size_bucket{le="1"} 1
            modelship_batch_size_bucket{le="8"} 1
            modelship_batch_size_bucket{le="64"} 2
            modelship_batch_size_bucket{le="+Inf"} 3
            modelship_batch_size_sum 110
            modelship_batch_size_count 3

            """);
    }

    [Fact]
    public void Series_are_bucketed_independently()
    {
        using var test = new IsolatedMeter();
        var histogram = test.Meter.CreateHistogram(
            "modelship_size_bytes", unit: null, description: null, tags: null,
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [100] });

        histogram.Record(50, new KeyValuePair<string, object?>("kind", "b"));
        histogram.Record(500, new KeyValuePair<string, object?>("kind", "a"));

        test.Scrape().Should().Be("""
            # TYPE modelship_size_bytes histogram
            modelship_size_bytes_bucket{kind="a",le="100"} 0
            modelship_size_bytes_bucket{kind="a",le="+Inf"} 1
            modelship_size_bytes_sum{kind="a"} 500
            modelship_size_bytes_count{kind="a"} 1
            modelship_size_bytes_bucket{kind="b",le="100"} 1
            modelship_size_bytes_bucket{kind="b",le="+Inf"} 1
            modelship_size_bytes_sum{kind="b"} 50
            modelship_size_bytes_count{kind="b"} 1

            """);
    }

    [Fact]
    public void A_tag_named_le_is_renamed_so_it_cannot_clash_with_the_bucket_label()
    {
        using var test = new IsolatedMeter();
        var histogram = test.Meter.CreateHistogram(
            "modelship_odd", unit: null, description: null, tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1] });

        histogram.Record(0.5, new KeyValuePair<string, object?>("le", "x"));

        test.Scrape().Should().Contain("modelship_odd_bucket{exported_le=\"x\",le=\"1\"} 1\n");
    }

    [Fact]
    public void NaN_and_infinite_observations_land_in_the_inf_bucket()
    {
        using var test = new IsolatedMeter();
        var histogram = test.Meter.CreateHistogram(
            "modelship_weird", unit: null, description: null, tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1] });

        histogram.Record(double.PositiveInfinity);
        histogram.Record(double.NegativeInfinity);

        test.Scrape().Should().Be("""
            # TYPE modelship_weird histogram
            modelship_weird_bucket{le="1"} 1
            modelship_weird_bucket{le="+Inf"} 2
            modelship_weird_sum NaN
            modelship_weird_count 2

            """);
    }

    [Fact]
    public void An_advised_infinite_bound_is_not_doubled_and_empty_advice_leaves_only_inf()
    {
        using var test = new IsolatedMeter();
        test.Meter.CreateHistogram(
            "modelship_with_inf", unit: null, description: null, tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, double.PositiveInfinity] }).Record(2);
        test.Meter.CreateHistogram(
            "modelship_without_bounds", unit: null, description: null, tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [] }).Record(2);

        test.Scrape().Should().Be("""
            # TYPE modelship_with_inf histogram
            modelship_with_inf_bucket{le="1"} 0
            modelship_with_inf_bucket{le="+Inf"} 1
            modelship_with_inf_sum 2
            modelship_with_inf_count 1
            # TYPE modelship_without_bounds histogram
            modelship_without_bounds_bucket{le="+Inf"} 1
            modelship_without_bounds_sum 2
            modelship_without_bounds_count 1

            """);
    }

    [Theory]
    [InlineData(-1.0, 0)]
    [InlineData(0.0, 0)]
    [InlineData(0.5, 1)]
    [InlineData(1.0, 1)]
    [InlineData(1.0000001, 2)]
    [InlineData(5.0, 2)]
    [InlineData(5.1, 3)]
    [InlineData(double.NaN, 3)]
    [InlineData(double.PositiveInfinity, 3)]
    public void Bucket_index_is_the_first_bound_at_or_above_the_value(double value, int expected) =>
        Modelship.Telemetry.Series.HistogramSeries.BucketIndex(value, [0, 1, 5]).Should().Be(expected);
}
