using System.Text.Json.Nodes;
using Modelship.Api.Conditions;
using Modelship.Api.Serialization;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.IntegrationTests.ModelDeployment;
using Modelship.IntegrationTests.RefreshSchedule;
using Modelship.Kubernetes.Client;
using Schedule = Modelship.Api.V1Alpha1.RefreshSchedule;

namespace Modelship.IntegrationTests.ArgoCD;

/// <summary>
/// The RefreshSchedule health check of config/argocd/ against the statuses the RefreshSchedule controller writes in
/// kube-apiserver, state by state; the observed objects are recorded as Fixtures/refresh-*.json for
/// <see cref="HealthFixtureTests"/> (with MODELSHIP_UPDATE_GOLDEN=1).
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class RefreshScheduleHealthTests(SharedClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly VersionDirectory _models = new();

    public void Dispose() => _models.Dispose();

    [Fact]
    public async Task The_health_of_each_state_a_refresh_schedule_goes_through()
    {
        var ns = await fixture.Cluster.CreateNamespaceAsync("argocd-refresh");
        using var admin = fixture.Cluster.AdminClient(new KubernetesClientOptions { SerializerOptions = ModelshipApiJsonContext.KubernetesClientOptions });
        await ModelDeploymentCrd.InstallAsync(admin);
        await ModelDeploymentCrd.InstallAsync(admin, RefreshScheduleOperator.CrdPath, Schedule.Resource);
        // Synced by Argo CD before any operator has looked at them.
        await admin.For<Api.V1Alpha1.ModelDeployment>().CreateAsync(RefreshScheduleSpecs.Target(ns, "1.0.0", new Uri(_models.Add("1.0.0", accuracy: 0.90)).AbsoluteUri));
        await admin.For<Schedule>().CreateAsync(RefreshScheduleSpecs.Hourly(ns, "iris-hourly", RefreshScheduleSpecs.Directory(_models.Path)));
        await ExpectHealthAsync(admin, ns, "refresh-no-status");

        DateTimeOffset stoppedAt;
        await using (var op = await RefreshScheduleOperator.StartAsync(fixture.Cluster, ns))
        {
            var first = await op.NextScheduleTimeAsync("iris-hourly", Wait);
            await ExpectHealthAsync(admin, ns, "refresh-scheduled");

            _models.Add("1.1.0", accuracy: 0.92);
            await RunAsync(op, first, RefreshRunResult.Promoted);
            await ExpectHealthAsync(admin, ns, "refresh-promoted");

            _models.Add("1.2.0", accuracy: 0.50);
            await RunAsync(op, first.AddHours(1), RefreshRunResult.Rejected);
            await ExpectHealthAsync(admin, ns, "refresh-rejected");

            Directory.Delete(_models.Path, recursive: true);
            await RunAsync(op, first.AddHours(2), RefreshRunResult.Failed);
            await ExpectHealthAsync(admin, ns, "refresh-last-run-failed");

            await op.Schedules.MergePatchAsync(ns, "iris-hourly", new JsonObject { ["spec"] = new JsonObject { ["suspend"] = true } });
            await Eventually.HoldsAsync(async () => ConditionList.IsTrue((await op.GetAsync("iris-hourly")).Status?.Conditions, ConditionTypes.Suspended), Wait, "Suspended=True");
            await ExpectHealthAsync(admin, ns, "refresh-suspended");
            stoppedAt = op.Clock.GetUtcNow();
        }

        // A spec change while no operator runs: the status describes the previous generation.
        await admin.For<Schedule>().MergePatchAsync(ns, "iris-hourly", new JsonObject { ["spec"] = new JsonObject { ["suspend"] = false } });
        await ExpectHealthAsync(admin, ns, "refresh-stale-generation");

        await using (var op = await RefreshScheduleOperator.StartAsync(fixture.Cluster, ns, clockStart: stoppedAt))
        {
            await admin.For<Schedule>().MergePatchAsync(ns, "iris-hourly", new JsonObject { ["spec"] = new JsonObject { ["schedule"] = "every hour" } });
            await Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync("iris-hourly")).Status?.Conditions, ConditionTypes.Ready)?.Reason == ConditionReasons.InvalidSpec, Wait, "Ready reason InvalidSpec");
            await ExpectHealthAsync(admin, ns, "refresh-invalid-spec");
        }
    }

    private static async Task RunAsync(RefreshScheduleOperator op, DateTimeOffset scheduledTime, RefreshRunResult expected)
    {
        await op.MoveClockPastAndReconcileAsync("iris-hourly", scheduledTime, Wait);
        var status = await op.RunForAsync("iris-hourly", scheduledTime, Wait);
        status.LastRun!.Result.Should().Be(expected, status.LastRun.Message);
    }

    private static async Task ExpectHealthAsync(KubernetesClient client, string ns, string state)
    {
        var observed = await ArgoCDFixtures.ObserveAsync(client, ns, "iris-hourly", Schedule.Resource);
        ExpectedRefreshScheduleHealth.Check(await ArgoCDLua.HealthAsync(observed, ArgoCDLua.RefreshScheduleHealthScript), state);
        ArgoCDFixtures.Record(state, observed);
    }
}
