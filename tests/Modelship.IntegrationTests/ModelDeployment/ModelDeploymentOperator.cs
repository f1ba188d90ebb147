using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Modelship.Api.Serialization;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Events;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.LeaderElection;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.ModelDeployment.Monitoring;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;
using Modelship.Operator.Hosting;
using Modelship.Operator.Notifications;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// The ModelDeployment controller running against the test API server in one namespace, through a client whose
/// writes are counted. Also plays the kubelet (<see cref="SimulatedKubelet"/>): marks Deployments Available and router Pods ready and serving.
/// </summary>
public sealed class ModelDeploymentOperator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SharedInformerFactory _informers;
    private readonly Task _run;
    private readonly Controller _controller;
    private readonly Controller? _pipelines;
    private readonly ILoggerFactory _loggerFactory;

    /// <summary>Reads router monitoring reports (stand-ins on 127.0.0.x in these tests; no spec.monitoring, no read).</summary>
    private static readonly HttpClient MonitoringHttp = new();

    private ModelDeploymentOperator(TestCluster.TestCluster cluster, string ns, IRolloutAnalysis? analysis, TimeSpan drainDelay, OperatorIdentity? identity, ModelDeploymentBuildOptions build, TimeSpan? syncPeriod, bool withPipelines, RuntimeClients? runtimes)
    {
        var configuration = KubeconfigLoader.LoadFile(identity?.Kubeconfig ?? cluster.KubeconfigPath);
        ModelDeploymentWatch = new WatchHoldingHandler(MD.Resource.Plural);
        Denied = new DeniedRequestRecorder(ModelDeploymentWatch);
        Writes = new WriteCountingHandler(Denied);
        OperatorClient = new KubernetesClient(configuration, new KubernetesClientOptions { SerializerOptions = ModelshipApiJsonContext.KubernetesClientOptions }, Writes);
        Client = cluster.AdminClient(new KubernetesClientOptions { SerializerOptions = ModelshipApiJsonContext.KubernetesClientOptions });
        Namespace = ns;
        Kubelet = new SimulatedKubelet(Client, ns);
        _loggerFactory = LoggerFactory.Create(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Debug).AddProvider(Reconciles);
            if (Environment.GetEnvironmentVariable("MODELSHIP_TEST_LOGS") == "1")
            {
                logging.AddSimpleConsole(o => o.SingleLine = true);
            }
        });
        var loggerFactory = _loggerFactory;
        _informers = new SharedInformerFactory(OperatorClient, new SharedInformerFactoryOptions { Namespaces = identity?.WatchNamespaces ?? [ns], LoggerFactory = loggerFactory, ResyncPeriod = syncPeriod });
        var events = new Kubernetes.Events.EventRecorder(OperatorClient, new EventRecorderOptions { LoggerFactory = loggerFactory });
        // As `modelship operator` hosts it, with shorter waits between attempts.
        Notifications = new NotificationDelivery(OperatorClient, events, loggerFactory, new DeliveryRetryPolicy { FirstDelay = TimeSpan.FromMilliseconds(200), AttemptTimeout = TimeSpan.FromSeconds(5) });
        var context = new ControllerContext(OperatorClient, _informers, events, loggerFactory, "it", TimeSpan.FromSeconds(5)) { Notifications = Notifications.Queue };
        _controller = ModelDeploymentController.Create(build, runtimes?.Metadata ?? Metadata, analysis, drainDelay: drainDelay, monitoringReports: new RouterMonitoringReader(MonitoringHttp), inference: runtimes?.Inference)(context);
        _pipelines = withPipelines ? Operator.Controllers.Pipeline.PipelineController.Create(build)(context) : null;
        _informers.Start(_stop.Token);
        if (identity is null)
        {
            _run = RunControllersAsync(_stop.Token);
            return;
        }

        // As `modelship operator` runs: the controller only while this identity holds the Lease in its own namespace.
        var elector = new LeaderElector(OperatorClient, new LeaderElectionOptions { LeaseNamespace = identity.LeaseNamespace, LeaseName = "modelship-operator", Identity = "it" });
        _run = elector.RunAsync(RunControllersAsync, onLost: null, _stop.Token);
    }

    private Task RunControllersAsync(CancellationToken cancellationToken) =>
        _pipelines is null
            ? Task.WhenAll(_controller.RunAsync(cancellationToken), Notifications.RunAsync(cancellationToken))
            : Task.WhenAll(_controller.RunAsync(cancellationToken), _pipelines.RunAsync(cancellationToken), Notifications.RunAsync(cancellationToken));

    /// <summary>The notification delivery service the controller queues to (spec.notifications).</summary>
    public NotificationDelivery Notifications { get; }

    /// <summary>The requests of the operator's client that the API server refused (401, 403).</summary>
    public DeniedRequestRecorder Denied { get; }

    public WriteCountingHandler Writes { get; }

    /// <summary>Holds back the operator's ModelDeployment watch events: its cache falls behind its own writes.</summary>
    public WatchHoldingHandler ModelDeploymentWatch { get; }

    /// <summary>Which state each reconcile started from and when it finished, from the operator's logs.</summary>
    public ReconcileRecorder Reconciles { get; } = new();

    public FakeModelMetadataSource Metadata { get; } = new();

    public KubernetesClient OperatorClient { get; }

    /// <summary>The test's own client (its writes are not counted).</summary>
    public KubernetesClient Client { get; }

    public string Namespace { get; }

    /// <summary>What a kubelet, the Deployment controller and a router would do here, played by the test.</summary>
    public SimulatedKubelet Kubelet { get; }

    public ResourceClient<MD> ModelDeployments => Client.For<MD>();

    public ResourceClient<V1Deployment> Deployments => Client.For<V1Deployment>();

    /// <param name="identity">Run as this identity, under leader election, as an installed operator runs; null: as admin, watching only <paramref name="ns"/>.</param>
    /// <param name="build">The operator's settings; by default as the chart and config/default install it (the router ClusterRole is installed too).</param>
    /// <param name="syncPeriod">The informers' resync period; null: none.</param>
    /// <param name="withPipelines">Also run the Pipeline controller, as `modelship operator` does (installs the Pipeline CRD too).</param>
    /// <param name="runtimes">How the operator reads runtimes' metadata and sends them inference requests; null: <see cref="Metadata"/>, and no inference.</param>
    public static async Task<ModelDeploymentOperator> StartAsync(
        TestCluster.TestCluster cluster, string ns, IRolloutAnalysis? analysis = null, TimeSpan? drainDelay = null, OperatorIdentity? identity = null,
        ModelDeploymentBuildOptions? build = null, TimeSpan? syncPeriod = null, bool withPipelines = false, RuntimeClients? runtimes = null)
    {
        using var admin = cluster.AdminClient();
        await ModelDeploymentCrd.InstallAsync(admin);
        if (withPipelines)
        {
            await ModelDeploymentCrd.InstallAsync(admin, Pipeline.PipelineOperator.PipelineCrdPath, Api.V1Alpha1.Pipeline.Resource);
        }
        if (build is null)
        {
            await ModelDeploymentCrd.InstallRouterClusterRoleAsync(admin);
        }
        return new ModelDeploymentOperator(cluster, ns, analysis, drainDelay ?? TimeSpan.FromSeconds(1), identity, build ?? new ModelDeploymentBuildOptions(), syncPeriod, withPipelines, runtimes);
    }

    public async Task<MD> GetAsync(string name) => await ModelDeployments.GetAsync(Namespace, name);

    /// <summary>
    /// Changes nothing but an annotation of <paramref name="name"/>, then waits until a reconcile that started from that
    /// change has finished: everything the operator did about what it saw before has been done by then.
    /// </summary>
    public async Task TouchAndWaitForReconcileAsync(string name, TimeSpan timeout)
    {
        var touched = await ModelDeployments.MergePatchAsync(Namespace, name, new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["test.modelship.dev/touched"] = Guid.NewGuid().ToString("N") } },
        });
        await Eventually.HoldsAsync(() => Task.FromResult(Reconciles.FinishedFrom($"{Namespace}/{name}", touched.Metadata.ResourceVersion!)), timeout, $"a reconcile of {name} from resourceVersion {touched.Metadata.ResourceVersion}");
    }

    /// <summary>Plays the Deployment controller: the Deployment has rolled out and all replicas are available.</summary>
    public Task MarkAvailableAsync(string deploymentName) => Kubelet.MarkAvailableAsync(deploymentName);

    /// <summary>Plays the ReplicaSet controller and kubelet: a ready router Pod of <paramref name="deploymentName"/>.</summary>
    public Task<string> CreateReadyRouterPodAsync(string deploymentName, string podName, string? podIp = null) =>
        Kubelet.CreateReadyRouterPodAsync(deploymentName, podName, podIp);

    /// <summary>Plays the router: it now serves <paramref name="generation"/>.</summary>
    public Task AcknowledgeAsync(string podName, long generation) => Kubelet.AcknowledgeAsync(podName, generation);

    public Task<Api.Routing.RoutingTable?> RoutingTableAsync(string deploymentName) => Kubelet.RoutingTableAsync(deploymentName);

    /// <summary>
    /// Plays router <paramref name="podName"/> of ModelDeployment "iris": serves each newest table until one satisfies
    /// <paramref name="done"/>, which is returned.
    /// </summary>
    public async Task<Api.Routing.RoutingTable> ServeUntilAsync(string podName, Func<Api.Routing.RoutingTable, bool> done, string what, TimeSpan? wait = null)
    {
        Api.Routing.RoutingTable? found = null;
        await Eventually.HoldsAsync(async () =>
        {
            if (await RoutingTableAsync("iris") is not { } table)
            {
                return false;
            }
            if (done(table))
            {
                found = table;
                return true;
            }
            await AcknowledgeAsync(podName, table.Generation);
            return false;
        }, wait ?? TimeSpan.FromSeconds(60), what);
        return found!;
    }

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

    public async Task<List<Corev1Event>> EventsAsync(string involvedName) =>
        (await Client.For<Corev1Event>().ListAsync(Namespace)).Items.Where(e => e.InvolvedObject?.Name == involvedName).ToList();

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
        _pipelines?.Dispose();
        Notifications.Dispose();
        OperatorClient.Dispose();
        Client.Dispose();
        _loggerFactory.Dispose();
        _stop.Dispose();
    }
}

/// <summary>Who the operator runs as: a kubeconfig (e.g. a ServiceAccount's), the namespaces it watches (empty: all), where its Lease lives.</summary>
public sealed record OperatorIdentity(string Kubeconfig, IReadOnlyList<string> WatchNamespaces, string LeaseNamespace);

/// <summary>The operator's clients of runtimes (the real HTTP ones, over <see cref="ClusterDnsStandIn"/>).</summary>
public sealed record RuntimeClients(IModelMetadataSource Metadata, IModelInferenceSource Inference);
