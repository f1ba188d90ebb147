using System.Net;

namespace Modelship.Benchmarks.OpenLoop;

/// <summary>
/// Sends POST requests on a fixed schedule (request i at start + i / rate) whether or not earlier ones have been
/// answered, and measures each latency from its scheduled send time. A closed-loop client waits for answers before
/// sending more and so stops measuring exactly when the server stalls (coordinated omission); here a stall shows up
/// in the latency of every request scheduled during it.
/// </summary>
internal sealed class OpenLoopRun(OpenLoopOptions options)
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    public async Task<LatencySummary> RunAsync()
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var client = new HttpClient(handler) { Timeout = options.Timeout };

        var warmupCount = (int)(options.Rate * options.Warmup.TotalSeconds);
        var total = warmupCount + (int)(options.Rate * options.Duration.TotalSeconds);
        var intervalNanoseconds = NanosecondsPerSecond / options.Rate;
        var latencies = new long[total];
        var statuses = new int[total];
        var failures = new string?[total];
        var sends = new Task[total];

        // A dedicated thread: it blocks in clock_nanosleep between sends and must not hold a thread-pool thread.
        var start = MonotonicClock.NowNanoseconds() + NanosecondsPerSecond / 10;
        var scheduler = new Thread(() =>
        {
            for (var i = 0; i < total; i++)
            {
                var scheduled = start + i * intervalNanoseconds;
                MonotonicClock.SleepUntil(scheduled);
                sends[i] = SendAsync(client, i, scheduled, latencies, statuses, failures);
            }
        })
        { IsBackground = true, Name = "open-loop scheduler", Priority = ThreadPriority.AboveNormal };
        scheduler.Start();
        scheduler.Join();
        await Task.WhenAll(sends).ConfigureAwait(false);

        var measured = new List<double>(total - warmupCount);
        var errors = 0;
        string? firstFailure = null;
        for (var i = warmupCount; i < total; i++)
        {
            // Failed requests count as errors, not as latencies: a fast 5xx must not improve the percentiles.
            if (statuses[i] == 200)
            {
                measured.Add(latencies[i] / 1e6);
            }
            else
            {
                errors++;
                firstFailure ??= failures[i] ?? $"HTTP {statuses[i]}";
            }
        }
        return LatencySummary.From(measured, errors, firstFailure, total - warmupCount);
    }

    private async Task SendAsync(HttpClient client, int index, long scheduled, long[] latencies, int[] statuses, string?[] failures)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = new ByteArrayContent(options.Body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
            latencies[index] = MonotonicClock.NowNanoseconds() - scheduled;
            statuses[index] = (int)response.StatusCode;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures[index] = $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}";
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            latencies[index] = MonotonicClock.NowNanoseconds() - scheduled;
            failures[index] = $"{e.GetType().Name}: {e.Message}";
        }
    }
}
