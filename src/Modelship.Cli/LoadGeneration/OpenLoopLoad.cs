using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Modelship.Cli.LoadGeneration;

/// <summary>
/// Open-loop load: request i is due at start + i / rate whether or not earlier ones have been answered, so a stalled
/// server cannot slow the offered load down (a closed loop would hide a stall). Every answer is tallied by the
/// router's headers; anything but a 200 with a V2 <c>outputs</c> array is a failure.
/// </summary>
public sealed class OpenLoopLoad(HttpClient client, Uri url, byte[] body, LoadTally tally)
{
    public const string VersionHeader = "x-modelship-model-version";
    public const string RoleHeader = "x-modelship-role";
    public const string GenerationHeader = "x-modelship-routing-generation";

    private readonly long _start = Stopwatch.GetTimestamp();
    private long _inFlight;

    public long InFlight => Interlocked.Read(ref _inFlight);

    public double ElapsedSeconds => Stopwatch.GetElapsedTime(_start).TotalSeconds;

    /// <summary>The pooled client of a run: a fixed number of kept-alive connections.</summary>
    public static HttpClient CreateClient(int connections, TimeSpan timeout) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = timeout,
    };

    /// <summary>Sends at <paramref name="rate"/> per second until <paramref name="duration"/> is over or <paramref name="stop"/>
    /// fires; returns the seconds spent sending. Requests in flight are not awaited (see <see cref="DrainAsync"/>).</summary>
    public async Task<double> SendAsync(double rate, TimeSpan duration, CancellationToken stop)
    {
        var interval = Stopwatch.Frequency / rate;
        var end = _start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        for (long i = 0; !stop.IsCancellationRequested; i++)
        {
            var due = _start + (long)(i * interval);
            if (due >= end)
            {
                break;
            }
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                try
                {
                    await Task.Delay(wait, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            Interlocked.Increment(ref _inFlight);
            tally.CountSent();
            _ = Task.Run(SendOneAsync, CancellationToken.None);
        }
        return ElapsedSeconds;
    }

    /// <summary>Waits until every request sent has been answered or has failed, at most <paramref name="limit"/>.</summary>
    public async Task DrainAsync(TimeSpan limit)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (InFlight > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    private async Task SendOneAsync()
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(url, content).ConfigureAwait(false);
            var answer = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status != 200)
            {
                Fail($"status {status}: {Truncate(System.Text.Encoding.UTF8.GetString(answer))}");
            }
            else if (!HasOutputs(answer))
            {
                Fail($"status 200 without a V2 outputs array: {Truncate(System.Text.Encoding.UTF8.GetString(answer))}");
            }
            else
            {
                tally.CountAnswer(new AnswerKey(Generation(response), Header(response, VersionHeader), Header(response, RoleHeader)));
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Fail($"{e.GetType().Name}: {e.Message}{(e.InnerException is { } inner ? $" ({inner.Message})" : "")}");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void Fail(string what) => tally.CountFailure(new LoadFailure(ElapsedSeconds, what));

    private static bool HasOutputs(byte[] answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("outputs", out var outputs)
                && outputs.ValueKind == JsonValueKind.Array && outputs.GetArrayLength() > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "...";

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static long? Generation(HttpResponseMessage response) =>
        long.TryParse(Header(response, GenerationHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var generation) ? generation : null;
}
