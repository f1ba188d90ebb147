using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Modelship.Api.Serialization;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Events;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Hosting;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// The ModelDeployment controller running against the test API server in one namespace, through a client whose
/// writes are counted. Also plays the kubelet: marks Deployments Available and router Pods ready and serving.
/// </summary>
public sealed class ModelDeploymentOperator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SharedInformerFactory _informers;
    private readonly Task _run;
    private readonly Controller _controller;

    private ModelDeploymentOperator(TestCluster.TestCluster cluster, string ns, FakeRolloutAnalysis? analysis, TimeSpan drainDelay)
    {
        var configuration = KubeconfigLoader.LoadFile(cluster.KubeconfigPath);
        Writes = new WriteCountingHandler(ClientTransport(configuration));
        OperatorClient = new KubernetesClient(configuration, new KubernetesClientOptions { SerializerOptions = ModelshipApiJsonContext.KubernetesClientOptions }, Writes);
        Client = cluster.AdminClient(new KubernetesClientOptions { SerializerOptions = ModelshipApiJsonContext.KubernetesClientOptions });
        Namespace = ns;
        var loggerFactory = Environment.GetEnvironmentVariable("MODELSHIP_TEST_LOGS") == "1" ? LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true)) : NullLoggerFactory.Instance;
        _informers = new SharedInformerFactory(OperatorClient, new SharedInformerFactoryOptions { Namespace = ns, LoggerFactory = loggerFactory });
        var events = new Kubernetes.Events.EventRecorder(OperatorClient, new EventRecorderOptions { LoggerFactory = loggerFactory });
        var context = new ControllerContext(OperatorClient, _informers, events, loggerFactory, "it", TimeSpan.FromSeconds(5));
        _controller = ModelDeploymentController.Create(new ModelDeploymentBuildOptions(), Metadata, analysis, drainDelay: drainDelay)(context);
        _informers.Start(_stop.Token);
        _run = _controller.RunAsync(_stop.Token);
    }

    public WriteCountingHandler Writes { get; }

    /// <summary>
    /// The transport the client builds for itself (TLS from the kubeconfig), wrapped to count writes. The factory is
    /// internal to the client library, so it is reached by reflection rather than copied.
    /// </summary>
    private static HttpMessageHandler ClientTransport(KubernetesClientConfiguration configuration) =>
        (HttpMessageHandler)typeof(KubernetesClient).Assembly.GetType("Modelship.Kubernetes.Client.KubernetesHttpHandlerFactory", throwOnError: true)!
            .GetMethod("Create")!.Invoke(null, [configuration])!;

    public FakeModelMetadataSource Metadata { get; } = new();

    public KubernetesClient OperatorClient { get; }

    /// <summary>The test's own client (its writes are not counted).</summary>
    public KubernetesClient Client { get; }

    public string Namespace { get; }

    public ResourceClient<MD> ModelDeployments => Client.For<MD>();

    public ResourceClient<Deployment> Deployments => Client.For<Deployment>();

    public static async Task<ModelDeploymentOperator> StartAsync(TestCluster.TestCluster cluster, string ns, FakeRolloutAnalysis? analysis = null, TimeSpan? drainDelay = null)
    {
        await ModelDeploymentCrd.InstallAsync(cluster.AdminClient());
        return new ModelDeploymentOperator(cluster, ns, analysis, drainDelay ?? TimeSpan.FromSeconds(1));
    }

    public async Task<MD> GetAsync(string name) => await ModelDeployments.GetAsync(Namespace, name);

    /// <summary>Plays the Deployment controller: the Deployment has rolled out and all replicas are available.</summary>
    public async Task MarkAvailableAsync(string deploymentName)
    {
        var live = await Deployments.GetAsync(Namespace, deploymentName);
        var replicas = live.Spec?.Replicas ?? 1;
        await Deployments.MergePatchStatusAsync(Namespace, deploymentName, new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["observedGeneration"] = live.Metadata.Generation,
                ["replicas"] = replicas,
                ["updatedReplicas"] = replicas,
                ["readyReplicas"] = replicas,
                ["availableReplicas"] = replicas,
            },
        });
    }

    /// <summary>Plays the ReplicaSet controller and kubelet: a ready router Pod of <paramref name="deploymentName"/>.</summary>
    /// <param name="podIp">The Pod's IP in its status (none when null), as a kubelet reports it.</param>
    public async Task<string> CreateReadyRouterPodAsync(string deploymentName, string podName, string? podIp = null)
    {
        var router = await Deployments.GetAsync(Namespace, ChildNames.Router(deploymentName));
        var pods = Client.For<Pod>();
        await pods.CreateAsync(new Pod
        {
            Metadata = new ObjectMeta
            {
                Name = podName,
                Namespace = Namespace,
                Labels = router.Spec!.Template!.Metadata!.Labels,
                Annotations = router.Spec.Template.Metadata.Annotations,
            },
            Spec = new PodSpec { Containers = [new Container { Name = "router", Image = "ghcr.io/modelship/modelship:dev" }] },
        });
        var status = JsonNode.Parse("""{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""")!;
        if (podIp is not null)
        {
            status["status"]!["podIP"] = podIp;
            status["status"]!["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp });
        }
        await pods.MergePatchStatusAsync(Namespace, podName, status);
        return podName;
    }

    /// <summary>Plays the router: it now serves <paramref name="generation"/>.</summary>
    public Task AcknowledgeAsync(string podName, long generation) =>
        Client.For<Pod>().MergePatchAsync(Namespace, podName, new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [Api.Routing.RoutingTableConventions.ServedGenerationAnnotation] = generation.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
        });

    public async Task<Api.Routing.RoutingTable?> RoutingTableAsync(string deploymentName) =>
        RoutingConfigMapBuilder.TableOf(await Client.For<ConfigMap>().GetOrNullAsync(Namespace, ChildNames.RoutingTable(deploymentName)));

    /// <summary>The versions whose runtime Deployment is Available right now, as the controller judges it.</summary>
    public async Task<HashSet<string>> AvailableVersionsAsync()
    {
        var list = await Deployments.ListAsync(Namespace, new ListOptions { LabelSelector = $"{ChildMetadata.ComponentLabel}={ChildMetadata.RuntimeComponent}" });
        return list.Items.Where(d => DeploymentAvailability.IsAvailable(d, d.Spec?.Replicas ?? 1))
            .Select(d => d.Metadata.Labels![ChildMetadata.VersionLabel]).ToHashSet();
    }

    /// <summary>The invariant: the routing table never names a version whose Deployment is not Available.</summary>
    public async Task AssertTableNamesOnlyAvailableVersionsAsync(string deploymentName)
    {
        var table = await RoutingTableAsync(deploymentName);
        if (table is null)
        {
            return;
        }
        var available = await AvailableVersionsAsync();
        table.Backends.Select(b => b.Version).Should().BeSubsetOf(available, "the routing table must only name Available versions");
    }

    public async Task<List<Event>> EventsAsync(string involvedName) =>
        (await Client.For<Event>().ListAsync(Namespace)).Items.Where(e => e.InvolvedObject?.Name == involvedName).ToList();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
        }
        await _informers.DisposeAsync();
        // Also disposes the ModelDeployment metrics' Meter, whose gauges would otherwise keep reading this cache.
        _controller.Dispose();
        OperatorClient.Dispose();
        Client.Dispose();
        _stop.Dispose();
    }
}
