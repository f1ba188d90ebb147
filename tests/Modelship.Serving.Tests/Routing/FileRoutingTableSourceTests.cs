using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Modelship.Api.Routing;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.Routing;

public sealed class FileRoutingTableSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-routing-").FullName;

    private string TablePath => Path.Combine(_directory, "routing.json");

    [Fact]
    public async Task Follows_file_changes_and_keeps_the_served_table_when_the_file_is_invalid()
    {
        await File.WriteAllTextAsync(TablePath, RoutingTables.ChampionChallengers(1, ("a", 10)).Serialize());
        var target = new RoutingTableHolder(NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        using var logs = new CapturedLogs();
        var source = new FileRoutingTableSource(TablePath, logs.CreateLogger("table"), pollInterval: TimeSpan.FromMilliseconds(100));
        var running = source.RunAsync(target, stop.Token);

        await WaitForGenerationAsync(target, 1);
        await File.WriteAllTextAsync(TablePath, RoutingTables.ChampionChallengers(2, ("a", 30)).Serialize(indented: true));
        await WaitForGenerationAsync(target, 2);
        await File.WriteAllTextAsync(TablePath, "{\"generation\": 3, \"modelName\": \"iris\", \"backends\": []}");
        await Eventually.HoldsAsync(() => logs.AtLeast(LogLevel.Warning).Count == 1, "the source should have read and rejected the invalid table");
        target.ServedGeneration.Should().Be(2, "an invalid table is rejected and the served one kept");
        await File.WriteAllTextAsync(TablePath, "{ truncated");
        await Eventually.HoldsAsync(() => logs.AtLeast(LogLevel.Warning).Count == 2, "the source should have read and rejected the truncated table");
        target.ServedGeneration.Should().Be(2);
        var replacement = Path.Combine(_directory, "routing.json.tmp");
        await File.WriteAllTextAsync(replacement, RoutingTables.ChampionChallengers(4, ("a", 50)).Serialize());
        File.Move(replacement, TablePath, overwrite: true);
        await WaitForGenerationAsync(target, 4);

        target.Current!.Table.Backends.Single(b => b.Name == "a").Weight.Should().Be(50);
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_router_started_on_a_missing_file_becomes_ready_when_the_file_appears()
    {
        await using var router = await TestRouter.StartAsync(
            table: null,
            source: loggers => new FileRoutingTableSource(TablePath, loggers.CreateLogger("table"), pollInterval: TimeSpan.FromMilliseconds(100)));
        using (var notReady = await router.Client.GetAsync("v2/health/ready"))
        {
            notReady.StatusCode.Should().Be(System.Net.HttpStatusCode.ServiceUnavailable);
        }

        await File.WriteAllTextAsync(TablePath, RoutingTables.ChampionChallengers(9).Serialize());
        await WaitForGenerationAsync(router.Host.Tables, 9);

        using var ready = await router.Client.GetAsync("v2/health/ready");
        ready.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Task WaitForGenerationAsync(IRoutingTableTarget target, long generation) =>
        Eventually.HoldsAsync(() => target.ServedGeneration == generation, $"generation {generation} should be served by now");
}
