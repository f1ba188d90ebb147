using k8s.Models;
using Microsoft.Extensions.Logging;
using Modelship.Api.Serialization;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.IntegrationTests.ModelDeployment;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Events;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.Pipeline;
using Modelship.Operator.Hosting;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using PipelineResource = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.IntegrationTests.Pipeline;

/// <summary>
/// The Pipeline and ModelDeployment controllers, as `modelship operator` runs them (one informer factory, one
/// client), against the test API server in one namespace; the test plays the kubelet and the routers
/// (<see cref="SimulatedKubelet"/>).
/// </summary>
public sealed class PipelineOperator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SharedInformerFactory _informers;
    private readonly List<Controller> _controllers;
    private readonly List<Task> _runs;
    private readonly ILoggerFactory _loggerFactory;

    private PipelineOperator(TestCluster.TestCluster cluster, string ns)
    {
        var options = new KubernetesClientOptions { SerializerOptions = ModelshipApiJsonContext.KubernetesClientOptions };
        Writes = new WriteCountingHandler();
        OperatorClient = new KubernetesClient(KubeconfigLoader.LoadFile(cluster.KubeconfigPath), options, Writes);
        Client = cluster.AdminClient(options);
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
        _informers = new SharedInformerFactory(OperatorClient, new SharedInformerFactoryOptions { Namespaces = [ns], LoggerFactory = _loggerFactory });
        var events = new Kubernetes.Events.EventRecorder(OperatorClient, new EventRecorderOptions { LoggerFactory = _loggerFactory });
        var context = new ControllerContext(OperatorClient, _informers, events, _loggerFactory, "it", TimeSpan.FromSeconds(5));
        var build = new ModelDeploymentBuildOptions();
        _controllers =
        [
            ModelDeploymentController.Create(build, new FakeModelMetadataSource(), drainDelay: TimeSpan.FromSeconds(1))(context),
            PipelineController.Create(build)(context),
        ];
        _informers.Start(_stop.Token);
        _runs = [.. _controllers.Select(c => c.RunAsync(_stop.Token))];
    }

    public WriteCountingHandler Writes { get; }

    /// <summary>Which state each reconcile started from and when it finished, from the operator's logs.</summary>
    public ReconcileRecorder Reconciles { get; } = new();

    /// <summary>
    /// Changes nothing but an annotation of the Pipeline <paramref name="name"/>, then waits until a reconcile that
    /// started from that change has finished.
    /// </summary>
    public async Task TouchAndWaitForReconcileAsync(string name, TimeSpan timeout)
    {
        var touched = await Pipelines.MergePatchAsync(Namespace, name, new System.Text.Json.Nodes.JsonObject
        {
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["annotations"] = new System.Text.Json.Nodes.JsonObject { ["test.modelship.dev/touched"] = Guid.NewGuid().ToString("N") } },
        });
        await Eventually.HoldsAsync(() => Task.FromResult(Reconciles.FinishedFrom($"{Namespace}/{name}", touched.Metadata.ResourceVersion!)), timeout, $"a reconcile of {name} from resourceVersion {touched.Metadata.ResourceVersion}");
    }

    public KubernetesClient OperatorClient { get; }

    /// <summary>The test's own client (its writes are not counted).</summary>
    public KubernetesClient Client { get; }

    public string Namespace { get; }

    public SimulatedKubelet Kubelet { get; }

    public ResourceClient<PipelineResource> Pipelines => Client.For<PipelineResource>();

    public ResourceClient<MD> ModelDeployments => Client.For<MD>();

    public ResourceClient<V1Deployment> Deployments => Client.For<V1Deployment>();

    public static string PipelineCrdPath => Path.Combine(ModelDeploymentCrd.RepositoryRoot(), "crds", "modelship.dev_pipelines.yaml");

    public static async Task InstallCrdsAsync(KubernetesClient admin)
    {
        await ModelDeploymentCrd.InstallAsync(admin);
        await ModelDeploymentCrd.InstallAsync(admin, PipelineCrdPath, PipelineResource.Resource);
    }

    public static async Task<PipelineOperator> StartAsync(TestCluster.TestCluster cluster, string ns)
    {
        using var admin = cluster.AdminClient();
        await InstallCrdsAsync(admin);
        await ModelDeploymentCrd.InstallRouterClusterRoleAsync(admin);
        return new PipelineOperator(cluster, ns);
    }

    public async Task<PipelineResource> GetAsync(string name) => await Pipelines.GetAsync(Namespace, name);

    public async Task<List<Corev1Event>> EventsAsync(string involvedName) =>
        (await Client.For<Corev1Event>().ListAsync(Namespace)).Items.Where(e => e.InvolvedObject?.Name == involvedName).ToList();

    public Task<Api.Routing.RoutingTable?> RoutingTableAsync(string pipelineName) => Kubelet.RoutingTableAsync(pipelineName);

    /// <summary>The names of the Deployments of this namespace whose component label is <paramref name="component"/>.</summary>
    public async Task<List<string>> DeploymentNamesAsync(string component) =>
        [.. (await Deployments.ListAsync(Namespace, new ListOptions { LabelSelector = $"{ChildMetadata.ComponentLabel}={component}" })).Items.Select(d => d.Metadata.Name!).Order(StringComparer.Ordinal)];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var run in _runs)
        {
            try
            {
                await run;
            }
            catch (OperationCanceledException)
            {
            }
        }
        await _informers.DisposeAsync();
        foreach (var controller in _controllers)
        {
            controller.Dispose();
        }
        OperatorClient.Dispose();
        Client.Dispose();
        _loggerFactory.Dispose();
        _stop.Dispose();
    }
}
