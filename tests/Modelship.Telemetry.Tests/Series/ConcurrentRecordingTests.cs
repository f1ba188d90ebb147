using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;

namespace Modelship.Telemetry.Tests.Series;

public sealed class ConcurrentRecordingTests
{
    private const int Threads = 8;
    private const int PerThread = 50_000;

    [Fact]
    public async Task Many_threads_recording_while_scraping_give_exact_totals()
    {
        using var test = new IsolatedMeter();
        var counter = test.Meter.CreateCounter<long>("modelship_requests_total");
        var halves = test.Meter.CreateCounter<double>("modelship_halves_total");
        var depth = test.Meter.CreateUpDownCounter<int>("modelship_depth");
        var latency = test.Meter.CreateHistogram(
            "modelship_latency_seconds", unit: "s", description: null, tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2] });
        string[] codes = ["200", "404", "500", "503"];

        using var stopScraping = new CancellationTokenSource();
        var scraper = Task.Run(() =>
        {
            var scrapes = 0;
            while (!stopScraping.IsCancellationRequested)
            {
                test.Scrape();
                scrapes++;
            }
            return scrapes;
        });

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                // A fresh TagList per call, as the router does, so the lookup path (not a cached object) is exercised.
                counter.Add(1, new TagList { { "code", codes[i % codes.Length] }, { "thread", thread % 2 } });
                halves.Add(0.5);
                depth.Add(1);
                depth.Add(-1);
                latency.Record(i % 3);
            }
        });
        stopScraping.Cancel();
        (await scraper).Should().BePositive();

        var text = test.Scrape();
        var perSeries = Threads * PerThread / codes.Length / 2;
        foreach (var code in codes)
        {
            foreach (var parity in new[] { 0, 1 })
            {
                Sample(text, $"modelship_requests_total{{code=\"{code}\",thread=\"{parity}\"}}").Should().Be(perSeries.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        const int total = Threads * PerThread;
        Sample(text, "modelship_halves_total").Should().Be((total / 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Sample(text, "modelship_depth").Should().Be("0");
        // Observations cycle through 0, 1 and 2: the first two fall in le="1", the last in le="2".
        var zeros = Enumerable.Range(0, PerThread).Count(i => i % 3 == 0) * Threads;
        var ones = Enumerable.Range(0, PerThread).Count(i => i % 3 == 1) * Threads;
        Sample(text, "modelship_latency_seconds_bucket{le=\"1\"}").Should().Be((zeros + ones).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Sample(text, "modelship_latency_seconds_bucket{le=\"2\"}").Should().Be(total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Sample(text, "modelship_latency_seconds_bucket{le=\"+Inf\"}").Should().Be(total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Sample(text, "modelship_latency_seconds_count").Should().Be(total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var twos = total - zeros - ones;
        Sample(text, "modelship_latency_seconds_sum").Should().Be((ones + 2 * twos).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Concurrent_first_recordings_of_a_new_label_set_share_one_series()
    {
        using var test = new IsolatedMeter();
        var counter = test.Meter.CreateCounter<long>("modelship_race_total");
        using var start = new Barrier(Threads);

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            start.SignalAndWait();
            // Different tag orders race to create the same series through different cache keys.
            var tags = thread % 2 == 0
                ? new TagList { { "a", "1" }, { "b", "2" } }
                : new TagList { { "b", "2" }, { "a", "1" } };
            for (var i = 0; i < 1000; i++)
            {
                counter.Add(1, tags);
            }
        });

        test.Scrape().Should().Be("""
            # TYPE modelship_race_total counter
            modelship_race_total{a="1",b="2"} 8000

            """);
    }

    private static string Sample(string exposition, string series)
    {
        var match = Regex.Match(exposition, "^" + Regex.Escape(series) + " (\\S+)$", RegexOptions.Multiline);
        match.Success.Should().BeTrue($"the exposition should have the series {series}:\n{exposition}");
        return match.Groups[1].Value;
    }
}
