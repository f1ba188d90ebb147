using System.Globalization;
using Modelship.Api.Routing;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Xunit.Abstractions;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// Status writes per minute per ModelDeployment under constant traffic: N ModelDeployments with spec.monitoring, each
/// with a ready router Pod whose stand-in report changes on every read (as a router's under traffic), the real
/// ModelDeployment controller against kube-apiserver; every PATCH of a status is counted over a window that starts
/// once every ModelDeployment has its first summary. By default a short run (3 ModelDeployments, statusInterval 2s,
/// 12 s) that is part of the integration tests; <c>benchmarks/monitoring-status-writes.sh</c> runs it with
/// MODELSHIP_MONITORING_BENCH="objects=10 interval=60 seconds=180" and records the figure in docs/benchmarks.md.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class MonitoringStatusWritesBenchmark(SharedClusterFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly RouterMonitoringStandIn _router = new("127.0.0.1");

    [Fact]
    public async Task Status_writes_per_minute_per_ModelDeployment_stay_within_one_per_interval()
    {
        var settings = Settings(Environment.GetEnvironmentVariable("MODELSHIP_MONITORING_BENCH"));
        int objects = settings["objects"], interval = settings["interval"], seconds = settings["seconds"];
        using (var admin = fixture.Cluster.AdminClient())
        {
            await ModelDeploymentCrd.InstallRouterClusterRoleAsync(admin);
        }
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-monitoring-bench"),
            build: new ModelDeploymentBuildOptions { RouterPort = _router.Port });
        long reads = 0;
        _router.Answer("127.0.0.1", () => Report(Interlocked.Increment(ref reads)));
        var names = Enumerable.Range(0, objects).Select(i => $"m{i}").ToList();
        foreach (var name in names)
        {
            await op.ModelDeployments.CreateAsync(ModelDeploymentSpecs.Iris(op.Namespace, name, s => s with
            {
                Monitoring = new Api.V1Alpha1.MonitoringSpec { StatusInterval = $"{interval}s" },
            }));
        }
        foreach (var name in names)
        {
            await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, $"{name}-router") is not null, TimeSpan.FromSeconds(60), $"{name} router");
            await op.CreateReadyRouterPodAsync(name, $"{name}-router-a", "127.0.0.1");
        }
        await Eventually.HoldsAsync(async () =>
        {
            var list = await op.ModelDeployments.ListAsync(op.Namespace);
            return list.Items.Count(m => m.Status?.ServiceStats is not null) == objects;
        }, TimeSpan.FromSeconds(60 + (2 * interval)), "every ModelDeployment has its first summary");

        var before = StatusWrites(op);
        var started = DateTimeOffset.UtcNow;
        var readsBefore = Interlocked.Read(ref reads);
        // The window closes on a positive signal: enough reads for every ModelDeployment to cover the duration.
        var expectedReads = objects * (seconds / interval);
        await Eventually.HoldsAsync(() => Task.FromResult(Interlocked.Read(ref reads) - readsBefore >= expectedReads), TimeSpan.FromSeconds(seconds + (3 * interval)), $"{expectedReads} reads");
        var minutes = (DateTimeOffset.UtcNow - started).TotalMinutes;
        var writes = StatusWrites(op) - before;
        var perMinute = writes / minutes / objects;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"BENCH monitoring_status_writes_per_minute_per_modeldeployment={perMinute:0.00} objects={objects} status_interval_seconds={interval} window_seconds={minutes * 60:0} status_writes={writes} reports_read={Interlocked.Read(ref reads) - readsBefore}");
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("MODELSHIP_BENCH_OUTPUT") is { Length: > 0 } path)
        {
            await File.AppendAllTextAsync(path, line + "\n");
        }

        writes.Should().BeGreaterThan(0, "the reports changed on every read");
        var bound = objects * ((minutes * 60 / interval) + 1);
        writes.Should().BeLessThanOrEqualTo((int)bound, "at most one status write per ModelDeployment per statusInterval (plus one at the window's edge)");
    }

    private static Dictionary<string, int> Settings(string? text)
    {
        var settings = new Dictionary<string, int>(StringComparer.Ordinal) { ["objects"] = 3, ["interval"] = 2, ["seconds"] = 12 };
        foreach (var pair in (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = (pair.Split('=')[0], pair.Split('=')[1]);
            settings[key] = int.Parse(value, CultureInfo.InvariantCulture);
        }
        return settings;
    }

    private static MonitoringReport Report(long read) => new()
    {
        Model = "iris",
        ServiceStats = [new VersionServiceStats { Version = "v1", Role = "champion", Windows = [new WindowStats { Window = "1m", Requests = read * 100, LatencyP99Seconds = 0.01 }] }],
    };

    private static int StatusWrites(ModelDeploymentOperator op) =>
        op.Writes.Writes.Count(w => w.StartsWith("PATCH", StringComparison.Ordinal) && w.EndsWith("/status", StringComparison.Ordinal));

    public void Dispose() => _router.Dispose();
}
