using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Modelship.Api.Routing;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.Routing;

public class RoutingTableSwapTests
{
    [Fact]
    public async Task Thousands_of_concurrent_requests_through_hundreds_of_swaps_all_succeed_on_a_live_generation()
    {
        var fakes = new[] { await FakeV2Backend.StartAsync("fake-0"), await FakeV2Backend.StartAsync("fake-1"), await FakeV2Backend.StartAsync("fake-2") };
        try
        {
            await using var router = await TestRouter.StartAsync(TableFor(1, fakes));
            using var updating = new CancellationTokenSource();
            var lastGeneration = 1L;
            var swapper = Task.Run(async () =>
            {
                while (!updating.IsCancellationRequested)
                {
                    router.Host.Update(TableFor(Interlocked.Read(ref lastGeneration) + 1, fakes));
                    Interlocked.Increment(ref lastGeneration);
                    // As fast as the thread pool lets it, so swaps land inside requests, not only between them.
                    await Task.Yield();
                }
            });

            const int Requests = 3000;
            var failures = new ConcurrentBag<string>();
            var generationsSeen = new ConcurrentDictionary<long, byte>();
            await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (_, _) =>
            {
                var before = router.Host.Tables.ServedGeneration!.Value;
                using var response = await router.InferAsync(TestRouter.IrisRequest);
                var after = router.Host.Tables.ServedGeneration!.Value;
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"status {(int)response.StatusCode}: {body}");
                    return;
                }
                var version = response.Headers.GetValues("x-modelship-model-version").Single();
                var generation = long.Parse(response.Headers.GetValues("x-modelship-routing-generation").Single(), CultureInfo.InvariantCulture);
                var (versionGeneration, fakeIndex) = ParseVersion(version);
                using var answer = JsonDocument.Parse(body);
                var answeredBy = answer.RootElement.GetProperty("model_version").GetString();
                if (versionGeneration != generation || generation < before || generation > after || answeredBy != fakes[fakeIndex].Identity)
                {
                    failures.Add($"version {version} generation {generation} answered by {answeredBy}; live generations during the request {before}..{after}");
                }
                generationsSeen.TryAdd(generation, 0);
            });
            await updating.CancelAsync();
            await swapper;

            failures.Should().BeEmpty();
            Interlocked.Read(ref lastGeneration).Should().BeGreaterThan(100, "the table was swapped many times during the load");
            generationsSeen.Count.Should().BeGreaterThan(20, "requests were served from many different tables");
        }
        finally
        {
            foreach (var fake in fakes)
            {
                await fake.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Generation g rotates the champion over the fakes and names every version "g{g}-{fake index}", so an answer's
    /// version header tells which table routed it and which fake must have answered.
    /// </summary>
    private static RoutingTable TableFor(long generation, FakeV2Backend[] fakes)
    {
        var champion = (int)(generation % fakes.Length);
        return TestRouter.Table(
            generation,
            [.. fakes.Select((fake, i) => TestRouter.BackendFor(
                $"b{i}",
                i == champion ? BackendRole.Champion : BackendRole.Challenger,
                fake.Url.ToString(),
                weight: i == champion ? 0 : 25,
                version: $"g{generation}-{i}"))]);
    }

    private static (long Generation, int FakeIndex) ParseVersion(string version)
    {
        var dash = version.IndexOf('-', StringComparison.Ordinal);
        return (long.Parse(version[1..dash], CultureInfo.InvariantCulture), int.Parse(version[(dash + 1)..], CultureInfo.InvariantCulture));
    }
}
