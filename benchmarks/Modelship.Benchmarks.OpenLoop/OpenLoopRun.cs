using System.Net;

namespace Modelship.Benchmarks.OpenLoop;

/// <summary>
/// Sends POST requests on a fixed schedule (request i at start + i / rate) whether or not earlier ones have been
/// answered, and measures each latency from its scheduled send time. A closed-loop client waits for answers before
/// sending more and so stops measuring exactly when the server stalls (coordinated omission); here a stall shows up
/// in the latency of every request scheduled during it. Several targets share the schedule (<see cref="OpenLoopSchedule"/>),
/// each with its own connections. A target's mirror gets each request after its answer, on connections of its own.
/// </summary>
internal sealed class OpenLoopRun(OpenLoopOptions options)
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>One summary per target, in the order of <see cref="OpenLoopOptions.Targets"/>.</summary>
    public async Task<IReadOnlyList<LatencySummary>> RunAsync()
    {
        var clients = options.Targets.Select(_ => CreateClient()).ToArray();
        var mirrorClients = options.Targets.Select(target => target.Mirror is null ? null : CreateClient()).ToArray();
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
                    sends[i] = SendAsync(clients[target], options.Targets[target], mirrorClients[target], i, scheduled, latencies, statuses, failures);
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
            foreach (var client in clients.Concat(mirrorClients))
            {
                client?.Dispose();
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

    private async Task SendAsync(HttpClient client, OpenLoopTarget target, HttpClient? mirrorClient, int index, long scheduled, long[] latencies, int[] statuses, string?[] failures)
    {
        try
        {
            using var response = await PostAsync(client, target.Url, Numbered(target.Body ?? options.Body)).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK && await CallThenAsync(client, target).ConfigureAwait(false) is { } thenFailure)
            {
                latencies[index] = MonotonicClock.NowNanoseconds() - scheduled;
                failures[index] = thenFailure;
                return;
            }
            latencies[index] = MonotonicClock.NowNanoseconds() - scheduled;
            if (mirrorClient is not null)
            {
                // Unmeasured; a failed mirror request fails the run, as a broken setup would.
                using var mirrored = await PostAsync(mirrorClient, target.Mirror!, target.Body ?? options.Body).ConfigureAwait(false);
                if (mirrored.StatusCode != HttpStatusCode.OK)
                {
                    failures[index] = $"mirror {target.Mirror}: HTTP {(int)mirrored.StatusCode}";
                    return;
                }
            }
            statuses[index] = (int)response.StatusCode;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures[index] = $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}";
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            latencies[index] = MonotonicClock.NowNanoseconds() - scheduled;
            statuses[index] = 0;
            failures[index] = $"{e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>The target's further calls, in order; null when all answered 200, else what failed.</summary>
    private static async Task<string?> CallThenAsync(HttpClient client, OpenLoopTarget target)
    {
        foreach (var call in target.Then ?? [])
        {
            using var response = await PostAsync(client, call.Url, call.Body).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"{call.Url}: HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}";
            }
        }
        return null;
    }

    /// <summary>
    /// Closed-loop throughput: <see cref="OpenLoopOptions.SaturateConnections"/> loops per target send back to back, the
    /// targets taking turns in segments, for <see cref="OpenLoopOptions.Saturate"/> each. A sequence counts once.
    /// </summary>
    public async Task<IReadOnlyList<double>> SaturateAsync()
    {
        var clients = options.Targets.Select(_ => CreateClient()).ToArray();
        try
        {
            var completed = new long[options.Targets.Count];
            var elapsed = new double[options.Targets.Count];
            var segments = Math.Max(1, (int)Math.Round(options.Saturate / options.Segment));
            for (var segment = 0; segment < segments; segment++)
            {
                for (var target = 0; target < options.Targets.Count; target++)
                {
                    var end = MonotonicClock.NowNanoseconds() + (long)(options.Segment.TotalSeconds * NanosecondsPerSecond);
                    var start = MonotonicClock.NowNanoseconds();
                    var loops = Enumerable.Range(0, options.SaturateConnections).Select(_ => LoopAsync(clients[target], options.Targets[target], end)).ToArray();
                    var counts = await Task.WhenAll(loops).ConfigureAwait(false);
                    completed[target] += counts.Sum();
                    elapsed[target] += (MonotonicClock.NowNanoseconds() - start) / 1e9;
                }
            }
            return [.. completed.Select((count, i) => count / elapsed[i])];
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private async Task<long> LoopAsync(HttpClient client, OpenLoopTarget target, long end)
    {
        long completed = 0;
        while (MonotonicClock.NowNanoseconds() < end)
        {
            using var response = await PostAsync(client, target.Url, Numbered(target.Body ?? options.Body)).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK || await CallThenAsync(client, target).ConfigureAwait(false) is not null)
            {
                throw new InvalidOperationException($"{target.Label} failed under saturation: HTTP {(int)response.StatusCode}");
            }
            completed++;
        }
        return completed;
    }

    private long _sequence;

    /// <summary>The body with its <see cref="OpenLoopOptions.NumberPlaceholder"/> replaced by the next sequence number (a copy); the body itself without one.</summary>
    private byte[] Numbered(byte[] body)
    {
        if (options.NumberPlaceholder is not { Length: > 0 } placeholder || body.AsSpan().IndexOf(placeholder) is not (>= 0 and var at))
        {
            return body;
        }
        var copy = (byte[])body.Clone();
        var number = Interlocked.Increment(ref _sequence).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(placeholder.Length, '0');
        System.Text.Encoding.ASCII.GetBytes(number.AsSpan(number.Length - placeholder.Length), copy.AsSpan(at, placeholder.Length));
        return copy;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Uri url, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
    }
}
