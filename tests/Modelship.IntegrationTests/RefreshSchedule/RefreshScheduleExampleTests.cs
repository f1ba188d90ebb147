using System.Text;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Modelship.Api.Conditions;
using Modelship.Api.Serialization;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.IntegrationTests.ModelDeployment;
using Modelship.Kubernetes.Yaml;
using Modelship.Registry.Testing;

namespace Modelship.IntegrationTests.RefreshSchedule;

/// <summary>
/// examples/refresh-schedule/ as its README uses it: the iris example, the token Secret and the RefreshSchedule applied
/// to kube-apiserver, with the example's index.json served (the URL pointed at the test's server, which wants the
/// Secret's token); the first run promotes the index's newest version.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class RefreshScheduleExampleTests(SharedClusterFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly string Examples = Path.Combine(ModelDeploymentCrd.RepositoryRoot(), "examples");

    [Fact]
    public async Task The_example_schedule_is_accepted_and_promotes_the_newest_version_of_its_index()
    {
        await using var op = await RefreshScheduleOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("refresh-example"));
        var index = await File.ReadAllTextAsync(Path.Combine(Examples, "refresh-schedule", "index.json"));
        await using var server = await LoopbackHttpServer.StartAsync(context => context.Request.Headers.Authorization == "Bearer example-token"
            ? LoopbackHttpServer.RespondJson(context, index)
            : LoopbackHttpServer.RespondJson(context, "{}", StatusCodes.Status401Unauthorized));
        var indexUrl = new Uri(server.BaseUrl, "iris/index.json");
        await op.Client.For<V1Secret>().CreateAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "iris-index-token", NamespaceProperty = op.Namespace },
            Data = new Dictionary<string, byte[]> { ["token"] = Encoding.UTF8.GetBytes("example-token") },
        });
        var iris = Example("iris", "modeldeployment.yaml", op.Namespace);
        await op.ModelDeployments.CreateAsync(ModelshipApiJsonContext.ParseModelDeployment(iris.ToJsonString()));
        var example = Example("refresh-schedule", "refreshschedule.yaml", op.Namespace);
        example["spec"]!["source"]!["http"]!["url"] = indexUrl.AbsoluteUri;
        await op.Schedules.CreateAsync(ModelshipApiJsonContext.ParseRefreshSchedule(example.ToJsonString()));

        var next = await op.NextScheduleTimeAsync("iris-nightly", Wait);
        ConditionList.Find((await op.GetAsync("iris-nightly")).Status!.Conditions, ConditionTypes.Ready)!.Reason.Should().Be("Scheduled");
        await op.MoveClockPastAndReconcileAsync("iris-nightly", next, Wait);
        var status = await op.RunForAsync("iris-nightly", next, Wait);

        status.LastRun!.Result.Should().Be(RefreshRunResult.Promoted, status.LastRun.Message);
        var target = await op.ModelDeployments.GetAsync(op.Namespace, "iris");
        target.Spec.Model.Version.Should().Be("v4");
        target.Spec.Model.Uri.Should().Be(new Uri(indexUrl, "models/iris-v4.onnx").AbsoluteUri);
        target.Spec.Replacement!.Reason.Should().Be(ReplacementReason.ScheduledRefresh);
        target.Spec.Traffic!.Challengers.Should().ContainSingle().Which.Model.Version.Should().Be("v2", "challengers stay as iris's spec says");
    }

    private static System.Text.Json.Nodes.JsonObject Example(string folder, string file, string ns)
    {
        var manifest = YamlDocuments.Parse(File.ReadAllText(Path.Combine(Examples, folder, file))).Single().AsObject();
        manifest["metadata"]!["namespace"] = ns;
        return manifest;
    }
}
