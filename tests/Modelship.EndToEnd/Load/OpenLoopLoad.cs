using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Modelship.EndToEnd.Load;

/// <summary>
/// Open-loop load: request i is sent at start + i / rate whether or not earlier ones have been answered, so a slow
/// server cannot slow the offered load down (a closed loop would hide stalls during a table swap).
/// </summary>
/// <param name="versionHeader">The answer header recorded as <see cref="RequestRecord.Version"/>; pipelines name their step models in another.</param>
public sealed class OpenLoopLoad(HttpClient client, Uri inferUri, Func<int, byte[]> body, Func<string, string?> problemWithAnswer, string versionHeader = OpenLoopLoad.VersionHeader)
{
    public const string VersionHeader = "x-modelship-model-version";
    public const string RoleHeader = "x-modelship-role";
    public const string GenerationHeader = "x-modelship-routing-generation";

    /// <summary>Creates the one client of a load run: several pooled connections to the router.</summary>
    public static HttpClient CreateClient(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        Timeout = TimeSpan.FromSeconds(20),
    };

    public async Task<LoadResult> RunAsync(double requestsPerSecond, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var count = (int)(requestsPerSecond * duration.TotalSeconds);
        var sends = new List<Task<RequestRecord>>(count);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / requestsPerSecond);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
            var index = i;
            sends.Add(Task.Run(() => SendAsync(index), cancellationToken));
        }
        return new LoadResult(start, await Task.WhenAll(sends));
    }

    private async Task<RequestRecord> SendAsync(int index)
    {
        var sentAt = Stopwatch.GetTimestamp();
        try
        {
            using var content = new ByteArrayContent(body(index));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(inferUri, content);
            var text = await response.Content.ReadAsStringAsync();
            var completedAt = Stopwatch.GetTimestamp();
            var status = (int)response.StatusCode;
            var failure = status != 200 ? $"status {status}: {text}" : problemWithAnswer(text);
            return new RequestRecord(
                sentAt, completedAt, status, Header(response, versionHeader), Header(response, RoleHeader), Generation(response), failure);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new RequestRecord(sentAt, Stopwatch.GetTimestamp(), 0, null, null, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static long? Generation(HttpResponseMessage response) =>
        long.TryParse(Header(response, GenerationHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var generation) ? generation : null;
}

/// <summary>The records of a load run, which began at the <see cref="System.Diagnostics.Stopwatch"/> timestamp <see cref="Start"/>.</summary>
public sealed record LoadResult(long Start, IReadOnlyList<RequestRecord> Requests)
{
    public IEnumerable<RequestRecord> Failures => Requests.Where(r => r.Failure is not null);

    /// <summary>Successful answers per second, from the first send to the last answer.</summary>
    public double AchievedRate => Requests.Count(r => r.Failure is null) / Stopwatch.GetElapsedTime(Start, Requests.Max(r => r.CompletedAt)).TotalSeconds;

    public TimeSpan Percentile(double quantile)
    {
        var latencies = Requests.Select(r => Stopwatch.GetElapsedTime(r.SentAt, r.CompletedAt)).Order().ToList();
        return latencies[Math.Min(latencies.Count - 1, (int)(quantile * latencies.Count))];
    }
}
