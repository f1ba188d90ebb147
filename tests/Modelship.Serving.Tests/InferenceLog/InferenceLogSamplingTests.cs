using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Modelship.Api.Routing;
using Modelship.Serving.InferenceLog;
using Modelship.Serving.Routing;
using Modelship.Serving.Tests.Routing;

namespace Modelship.Serving.Tests.InferenceLog;

public class InferenceLogSamplingTests
{
    private const int Requests = 10_000;
    private static readonly byte[] Request = Encoding.UTF8.GetBytes(TestRouter.IrisRequest);
    private static readonly BackendResponse Ok = new(BackendOutcome.Answered, 200, """{"outputs":[]}"""u8.ToArray(), "application/json", null);
    private static readonly BackendResponse ServerError = new(BackendOutcome.Answered, 500, """{"error":"boom"}"""u8.ToArray(), "application/json", null);

    private static RoutingSnapshot Snapshot(InferenceLogSettings? log) =>
        new(TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, "http://127.0.0.1:9")) with { Log = log });

    /// <summary>Records <paramref name="count"/> answers through a recorder over a seeded random and returns the lines written.</summary>
    private static async Task<IReadOnlyList<string>> RecordAsync(InferenceLogSettings? log, int count, Func<int, BackendResponse> answer, Func<int, IReadOnlyList<string>>? checkFailures = null)
    {
        var sink = new FakeLogSink();
        using var metrics = new RouterMetrics(() => null);
        var writer = new InferenceLogWriter(sink, metrics, NullLogger.Instance, queueCapacity: count + 1, TimeSpan.FromSeconds(1));
        var recorder = new InferenceLogRecorder(writer, new InferenceLogSampler(new Random(1234)));
        var snapshot = Snapshot(log);
        for (var i = 0; i < count; i++)
        {
            var response = answer(i);
            recorder.RecordAnswer(snapshot, snapshot.Champion, Request, response, response.StatusCode, TimeSpan.FromMilliseconds(2), checkFailures?.Invoke(i) ?? []);
        }
        await writer.DisposeAsync();
        return sink.Lines;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public async Task Sample_rate_decides_the_share_of_successful_requests_logged(double rate)
    {
        var lines = await RecordAsync(new InferenceLogSettings { SampleRate = rate }, Requests, _ => Ok);

        // Binomial standard deviation is at most 50 for 10,000 draws; the seed makes the count reproducible anyway.
        lines.Count.Should().BeCloseTo((int)(rate * Requests), 200);
        lines.Where(l => !l.Contains("\"valid\":true")).Should().BeEmpty();
    }

    [Fact]
    public async Task Failures_are_always_logged_when_logFailures_and_sampled_otherwise()
    {
        var settings = new InferenceLogSettings { SampleRate = 0.1, LogFailures = true };
        Func<int, BackendResponse> everyFourthFails = i => i % 4 == 0 ? ServerError : Ok;

        var lines = await RecordAsync(settings, Requests, everyFourthFails);
        var failures = lines.Count(l => l.Contains("\"status\":500"));
        failures.Should().Be(Requests / 4);
        lines.Count(l => l.Contains("\"status\":200")).Should().BeCloseTo((int)(0.1 * Requests * 3 / 4), 150);

        var unforced = await RecordAsync(settings with { LogFailures = false }, Requests, everyFourthFails);
        unforced.Count(l => l.Contains("\"status\":500")).Should().BeCloseTo((int)(0.1 * Requests / 4), 100);
    }

    [Fact]
    public async Task Check_failures_count_as_failures()
    {
        var lines = await RecordAsync(
            new InferenceLogSettings { SampleRate = 0 }, 100, _ => Ok, i => i < 10 ? ["prediction out of range: 1 value(s) of output 'score'"] : []);

        lines.Should().HaveCount(10);
        lines.Should().OnlyContain(l => l.Contains("\"valid\":false") && l.Contains("out of range"));
    }

    [Fact]
    public async Task Nothing_is_logged_without_log_settings_even_failures()
    {
        (await RecordAsync(null, 1000, i => i % 2 == 0 ? ServerError : Ok)).Should().BeEmpty();
    }

    [Fact]
    public async Task Entries_carry_the_backend_request_id_and_tensors()
    {
        var lines = await RecordAsync(new InferenceLogSettings { SampleRate = 1 }, 1, _ => Ok);

        using var entry = JsonDocument.Parse(lines.Single());
        var root = entry.RootElement;
        root.GetProperty("id").GetString().Should().Be("1", "the V2 id of the request");
        root.GetProperty("version").GetString().Should().Be("c");
        root.GetProperty("role").GetString().Should().Be("champion");
        root.GetProperty("latencyMs").GetDouble().Should().Be(2);
        root.GetProperty("inputs")[1].GetProperty("data")[0].GetString().Should().Be("alice");
        root.GetProperty("outputs").GetArrayLength().Should().Be(0);
    }
}
