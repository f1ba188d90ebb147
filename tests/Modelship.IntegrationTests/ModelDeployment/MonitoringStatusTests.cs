using System.Text.Json.Nodes;
using Modelship.Api.Conditions;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.ModelDeployment.Monitoring;
using static Modelship.IntegrationTests.ModelDeployment.ModelDeploymentControllerTests;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// status.serviceStats, status.drift, status.accuracy and the Drifting / AccuracyDegraded conditions against
/// kube-apiserver, from two router Pods whose <c>GET /v2/monitoring</c> is answered by stand-ins on 127.0.0.1 and
/// 127.0.0.2 (<see cref="RouterMonitoringStandIn"/>): the operator reads them over HTTP at the Pod IPs, as in a cluster.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class MonitoringStatusTests(SharedClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private const string PodA = "127.0.0.1";
    private const string PodB = "127.0.0.2";

    private readonly RouterMonitoringStandIn _routers = new(PodA, PodB);

    private static JsonObject Monitoring(string interval) => new()
    {
        ["monitoring"] = new JsonObject
        {
            ["statusInterval"] = interval,
            ["associationIdField"] = "request_id",
            ["drift"] = new JsonObject { ["reference"] = new JsonObject { ["configMap"] = new JsonObject { ["name"] = "iris-profile" } }, ["threshold"] = 0.2, ["minSamples"] = 100 },
            ["accuracy"] = new JsonObject { ["task"] = "classification", ["threshold"] = 0.8 },
        },
    };

    private static MonitoringReport Report(long requests, double petalPsi, long actuals, double accuracy) => new()
    {
        Model = "iris",
        ServiceStats =
        [
            new VersionServiceStats
            {
                Version = "v1",
                Role = "champion",
                Windows = [new WindowStats { Window = "1m", Requests = requests, Errors = 1, LatencyP99Seconds = requests / 10_000.0 }],
            },
        ],
        Drift = [new VersionDrift { Version = "v1", Samples = 500, Features = [new FeatureDrift { Name = "sepal", Psi = 0.01, Hellinger = 0.01 }, new FeatureDrift { Name = "petal", Psi = petalPsi, Hellinger = 0.1 }] }],
        Accuracy = [new VersionAccuracy { Version = "v1", Actuals = actuals, Metrics = new Dictionary<string, double> { ["accuracy"] = accuracy } }],
        ActualsReceived = actuals,
    };

    [Fact]
    public async Task Reports_of_every_router_end_up_in_status_and_drift_above_the_threshold_sets_Drifting_with_an_Event()
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-monitoring"),
            build: await RouterPortBuildAsync());
        _routers.Answer(PodA, Report(requests: 100, petalPsi: 0.05, actuals: 10, accuracy: 0.9));
        _routers.Answer(PodB, Report(requests: 200, petalPsi: 0.10, actuals: 5, accuracy: 0.85));
        await ActivateV1Async(op, PodA);
        await op.CreateReadyRouterPodAsync("iris", "iris-router-b", PodB);
        await PatchSpecAsync(op, Monitoring("1s"));

        var status = await StatusWhenAsync(op, s => s.ServiceStats?.Versions is [{ Windows: [{ Requests: 300 }, ..] }, ..] && s.Accuracy?.ActualsReceived == 15, "both routers summed");
        status.ServiceStats!.Versions!.Single().Windows!.Single().Should().Match<WindowServiceStatsStatus>(w => w.Errors == 2 && w.LatencyP99Seconds == 0.02 && w.ErrorRate == 2.0 / 300);
        status.Drift!.Versions!.Single().Features!.Select(f => f.Name).Should().Equal("petal", "sepal");
        status.Accuracy!.Versions!.Single().Metrics!["accuracy"].Should().Be(0.85, "the worst router's");
        ConditionList.Find(status.Conditions, ConditionTypes.Drifting).Should().Match<Condition>(c => c.Status == ConditionStatus.False && c.Reason == MonitoringConditions.DriftWithinThreshold);
        ConditionList.Find(status.Conditions, ConditionTypes.AccuracyDegraded)!.Status.Should().Be(ConditionStatus.False);

        _routers.Answer(PodB, Report(requests: 250, petalPsi: 0.90, actuals: 7, accuracy: 0.6));
        status = await StatusWhenAsync(op, s => ConditionList.IsTrue(s.Conditions, ConditionTypes.Drifting), "Drifting");
        ConditionList.Find(status.Conditions, ConditionTypes.Drifting)!.Should().Match<Condition>(c =>
            c.Reason == MonitoringConditions.DriftAboveThreshold && c.Message == "version v1: feature petal psi 0.9 above threshold 0.2 over 500 requests");
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("iris")).Any(e => e.Type == "Warning" && e.Reason == MonitoringConditions.DriftAboveThreshold && e.Message!.Contains("feature petal")),
            Wait, "a Warning Event names the drifting feature");
        await StatusWhenAsync(op, s => ConditionList.Find(s.Conditions, ConditionTypes.AccuracyDegraded) is { Status: ConditionStatus.True, Reason: MonitoringConditions.AccuracyBelowThreshold }, "AccuracyDegraded");

        // Router b restarts: its counter starts again from 0; the total keeps growing.
        _routers.Answer(PodB, Report(requests: 10, petalPsi: 0.01, actuals: 2, accuracy: 0.9));
        status = await StatusWhenAsync(op, s => s.Accuracy?.ActualsReceived == 19, "10 + 7 + 2 actuals");
        await StatusWhenAsync(op, s => ConditionList.Find(s.Conditions, ConditionTypes.Drifting)?.Status == ConditionStatus.False, "drift back within threshold");
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("iris")).Any(e => e.Type == "Normal" && e.Reason == "DriftResolved"), Wait, "a Normal Event on recovery");
    }

    [Fact]
    public async Task Status_is_written_at_most_once_per_interval_while_the_reports_change_on_every_read()
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-monitoring-writes"),
            build: await RouterPortBuildAsync());
        long requests = 0;
        _routers.Answer(PodA, () => Report(Interlocked.Add(ref requests, 100), 0.05, 0, 0.9));
        await ActivateV1Async(op, PodA);
        await PatchSpecAsync(op, Monitoring("3s"));
        await StatusWhenAsync(op, s => s.ServiceStats is not null, "first summary");
        var readsBefore = _routers.Reads(PodA);
        var writesBefore = StatusWrites(op);
        var started = DateTimeOffset.UtcNow;

        // A positive signal: three more reads have happened and been written.
        await Eventually.HoldsAsync(() => Task.FromResult(_routers.Reads(PodA) >= readsBefore + 3), TimeSpan.FromSeconds(20), "three more reads");
        await StatusWhenAsync(op, s => s.ServiceStats!.Versions![0].Windows![0].Requests >= (readsBefore + 3) * 100, "the third read written");
        var elapsed = DateTimeOffset.UtcNow - started;
        var writes = StatusWrites(op) - writesBefore;

        writes.Should().BeGreaterThanOrEqualTo(3);
        writes.Should().BeLessThanOrEqualTo((int)(elapsed.TotalSeconds / 3) + 1, $"{writes} status writes in {elapsed.TotalSeconds:0.0}s with statusInterval 3s");
        _routers.Reads(PodA).Should().BeLessThanOrEqualTo(readsBefore + (int)((DateTimeOffset.UtcNow - started).TotalSeconds / 3) + 1, "reads are not made on every reconcile");
    }

    private static int StatusWrites(ModelDeploymentOperator op) => op.Writes.Writes.Count(w => w.StartsWith("PATCH", StringComparison.Ordinal) && w.EndsWith("/iris/status", StringComparison.Ordinal));

    /// <summary>The operator's settings with the stand-ins' port as the router port (the router ClusterRole installed, as by default).</summary>
    private async Task<ModelDeploymentBuildOptions> RouterPortBuildAsync()
    {
        using var admin = fixture.Cluster.AdminClient();
        await ModelDeploymentCrd.InstallRouterClusterRoleAsync(admin);
        return new ModelDeploymentBuildOptions { RouterPort = _routers.Port };
    }

    private static async Task<ModelDeploymentStatus> StatusWhenAsync(ModelDeploymentOperator op, Func<ModelDeploymentStatus, bool> done, string what)
    {
        ModelDeploymentStatus? found = null;
        await Eventually.HoldsAsync(async () =>
        {
            var status = (await op.GetAsync("iris")).Status;
            if (status is not null && done(status))
            {
                found = status;
                return true;
            }
            return false;
        }, Wait, what);
        return found!;
    }

    public void Dispose() => _routers.Dispose();
}
