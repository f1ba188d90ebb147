using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Chart;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.IntegrationTests.ModelDeployment;
using Modelship.Kubernetes.Models;
using Modelship.TestCluster;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.IntegrationTests.Install;

/// <summary>
/// The chart's RBAC is sufficient and minimal: the operator signed in as the chart's ServiceAccount, holding only
/// what the chart binds to it, elects a leader and runs the ModelDeployment scenario (create, replace, suspend,
/// delete) and a Pipeline referring to the ModelDeployment (inline model, router, table, status) without one request
/// refused; installed for some namespaces only, it serves those and ignores the rest.
/// Each test has a kube-apiserver of its own, since both install the same cluster-scoped roles.
/// </summary>
public sealed class ChartRbacSufficiencyTests : IAsyncLifetime
{
    private const string OperatorNamespace = "modelship-system";

    /// <summary>The chart's ServiceAccount for release "modelship".</summary>
    private const string ServiceAccountName = "modelship";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-rbac-").FullName;
    private TestCluster.TestCluster? _cluster;

    private TestCluster.TestCluster Cluster => _cluster!;

    public async Task InitializeAsync() =>
        _cluster = await TestCluster.TestCluster.StartAsync(new TestClusterOptions { ServiceAccounts = [$"{OperatorNamespace}/{ServiceAccountName}"] });

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_cluster_wide_install_runs_the_scenario_with_zero_refused_requests()
    {
        await CreateNamespacesAsync(OperatorNamespace, "team-a");
        await InstallChartAsync("{}");

        await using var op = await StartOperatorAsync("team-a", watchNamespaces: []);
        await RunScenarioAsync(op);

        op.Denied.Requests.Should().BeEmpty("the chart's ClusterRole and leader-election Role must cover everything the operator does");
    }

    [Fact]
    public async Task A_namespaced_install_serves_the_watched_namespaces_ignores_the_others_and_is_never_refused()
    {
        await CreateNamespacesAsync(OperatorNamespace, "team-a", "team-b", "team-c");
        await InstallChartAsync("watchNamespaces: [team-a, team-b]");
        using var admin = Cluster.AdminClient(new Kubernetes.Client.KubernetesClientOptions { SerializerOptions = Api.Serialization.ModelshipApiJsonContext.KubernetesClientOptions });
        await ModelDeploymentCrd.InstallAsync(admin);
        // Created before the operator starts, so the watched namespaces' work below is done after it was seen.
        await admin.For<MD>().CreateAsync(ModelDeploymentSpecs.Iris("team-c"));

        await using var op = await StartOperatorAsync("team-a", watchNamespaces: ["team-a", "team-b"]);
        await RunScenarioAsync(op);
        await admin.For<MD>().CreateAsync(ModelDeploymentSpecs.Iris("team-b"));
        await Eventually.HoldsAsync(async () => await admin.For<V1Deployment>().GetOrNullAsync("team-b", "iris-v1") is not null, Wait, "team-b (watched) is reconciled");

        (await admin.For<MD>().GetAsync("team-c", "iris")).Status.Should().BeNull("team-c is not watched");
        (await admin.For<V1Deployment>().ListAsync("team-c")).Items.Should().BeEmpty("nothing is built in an unwatched namespace");
        op.Denied.Requests.Should().BeEmpty("the chart's Roles in the watched namespaces and the leader-election Role must cover everything the operator does");
    }

    /// <summary>Create, replace, suspend and delete, playing the kubelet and the router.</summary>
    private static async Task RunScenarioAsync(ModelDeploymentOperator op)
    {
        var pod = await ModelDeploymentControllerTests.ActivateV1Async(op);

        await ModelDeploymentControllerTests.PatchSpecAsync(op, new JsonObject { ["model"] = new JsonObject { ["uri"] = "https://models.example.com/iris/v2.onnx", ["version"] = "v2" } });
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v2") is not null, Wait, "v2 Deployment created");
        await op.MarkAvailableAsync("iris-v2");
        await Eventually.HoldsAsync(async () => (await op.RoutingTableAsync("iris"))?.Champion?.Version == "v2", Wait, "the table routes to v2");
        await op.AcknowledgeAsync(pod, (await op.RoutingTableAsync("iris"))!.Generation);
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status?.ActiveModel?.Version == "v2"
            && await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v1") is null, Wait, "v2 active, v1 deleted");

        await ModelDeploymentControllerTests.PatchSpecAsync(op, new JsonObject { ["suspend"] = true });
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status?.Phase == ModelDeploymentPhase.Stopped, Wait, "Stopped");

        // A Pipeline on top (the Pipeline controller runs beside, as `modelship operator` runs it): its inline model
        // server, router, table and status.
        await op.Client.For<Api.V1Alpha1.Pipeline>().CreateAsync(Pipeline.PipelineSpecs.Scoring(op.Namespace));
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, Pipeline.PipelineSpecs.Prep("v1")) is not null, Wait, "the Pipeline's inline model server created");
        await op.MarkAvailableAsync(Pipeline.PipelineSpecs.Prep("v1"));
        await Eventually.HoldsAsync(async () => await op.RoutingTableAsync("scoring") is not null
            && (await op.Client.For<Api.V1Alpha1.Pipeline>().GetAsync(op.Namespace, "scoring")).Status?.Steps is { Count: 3 }, Wait, "the Pipeline's table and status written");
        await op.Client.For<Api.V1Alpha1.Pipeline>().DeleteAsync(op.Namespace, "scoring");

        await op.ModelDeployments.DeleteAsync(op.Namespace, "iris");
        // The operator goes on after the deletion: a ModelDeployment created next is reconciled.
        await op.ModelDeployments.CreateAsync(ModelDeploymentSpecs.Iris(op.Namespace, name: "after"));
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "after-v1") is not null, Wait, "a ModelDeployment created after the deletion is reconciled");
        (await op.EventsAsync("iris")).Should().NotBeEmpty("the operator records Events on its objects");
    }

    private async Task<ModelDeploymentOperator> StartOperatorAsync(string ns, IReadOnlyList<string> watchNamespaces)
    {
        var kubeconfig = await Cluster.ServiceAccountKubeconfigAsync(OperatorNamespace, ServiceAccountName);
        return await ModelDeploymentOperator.StartAsync(Cluster, ns, identity: new OperatorIdentity(kubeconfig, watchNamespaces, OperatorNamespace), withPipelines: true);
    }

    private async Task CreateNamespacesAsync(params string[] names)
    {
        using var admin = Cluster.AdminClient();
        foreach (var name in names)
        {
            await admin.For<V1Namespace>().CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        }
    }

    /// <summary>`helm install modelship charts/modelship -n modelship-system` with these values (rendered, then applied).</summary>
    private async Task InstallChartAsync(string values)
    {
        var rendered = await HelmRender.TemplateAsync("-n", OperatorNamespace, "--include-crds", "-f", HelmRender.WriteValues(_directory, values));
        rendered.ExitCode.Should().Be(0, rendered.ToString());
        var manifest = Path.Combine(_directory, $"install-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(manifest, rendered.Stdout);
        var applied = await new Kubectl(Cluster.KubeconfigPath).RunAsync("apply", "-f", manifest);
        applied.ExitCode.Should().Be(0, applied.ToString());
    }
}
