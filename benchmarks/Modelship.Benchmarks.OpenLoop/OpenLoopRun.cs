using System.Net;

namespace Modelship.Benchmarks.OpenLoop;

/// <summary>
/// Sends POST requests on a fixed schedule (request i at start + i / rate) whether or not earlier ones have been
/// answered, and measures each latency from its scheduled send time. A closed-loop client waits for answers before
/// sending more and so stops measuring exactly when the server stalls (coordinated omission); here a stall shows up
/// in the latency of every request scheduled during it. Several targets share the schedule (<see cref="OpenLoopSchedule"/>),
/// each with its own connections.
/// </summary>
internal sealed class OpenLoopRun(OpenLoopOptions options)
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>One summary per target, in the order of <see cref="OpenLoopOptions.Targets"/>.</summary>
    public async Task<IReadOnlyList<LatencySummary>> RunAsync()
    {
        var clients = options.Targets.Select(_ => CreateClient()).ToArray();
        try
        {
            var schedule = new OpenLoopSchedule(options);
            var total = schedule.TotalRequests;
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
                    var target = schedule.TargetOf(i);
                    sends[i] = SendAsync(clients[target], options.Targets[target].Url, i, scheduled, latencies, statuses, failures);
                }
            })
            { IsBackground = true, Name = "open-loop scheduler", Priority = ThreadPriority.AboveNormal };
            scheduler.Start();
            scheduler.Join();
            await Task.WhenAll(sends).ConfigureAwait(false);

            return options.Targets.Select((_, target) => Summarize(schedule, target, latencies, statuses, failures)).ToList();
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = options.Timeout };
    }

    private static LatencySummary Summarize(OpenLoopSchedule schedule, int target, long[] latencies, int[] statuses, string?[] failures)
    {
        var measured = new List<double>(schedule.MeasuredRequestsPerTarget);
        var errors = 0;
        string? firstFailure = null;
        for (var i = schedule.WarmupRequests; i < schedule.TotalRequests; i++)
        {
            if (schedule.TargetOf(i) != target)
            {
                continue;
            }
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
        return LatencySummary.From(measured, errors, firstFailure, schedule.MeasuredRequestsPerTarget);
    }

    private async Task SendAsync(HttpClient client, Uri url, int index, long scheduled, long[] latencies, int[] statuses, string?[] failures)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(options.Body) };
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
