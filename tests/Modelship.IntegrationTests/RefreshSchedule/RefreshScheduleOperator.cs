using System.Text.Json.Nodes;
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
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.RefreshSchedule;
using Modelship.Operator.Hosting;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using Schedule = Modelship.Api.V1Alpha1.RefreshSchedule;

namespace Modelship.IntegrationTests.RefreshSchedule;

/// <summary>
/// The RefreshSchedule controller against the test API server in one namespace. Its reconciler decides with
/// <see cref="Clock"/>, a clock the test moves (the work queue keeps real time): a test moves the clock past a
/// scheduled time and touches the object, instead of waiting for the wall clock to reach it. The ModelDeployment
/// controller does not run: what a promotion does is the change of the target's spec.
/// </summary>
public sealed class RefreshScheduleOperator : IAsyncDisposable
{
    private static readonly HttpClient RegistryHttp = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly CancellationTokenSource _stop = new();
    private readonly SharedInformerFactory _informers;
    private readonly Controller _controller;
    private readonly Task _run;
    private readonly ILoggerFactory _loggerFactory;

    private RefreshScheduleOperator(TestCluster.TestCluster cluster, string ns, ModelDeploymentBuildOptions? build)
    {
        var options = new KubernetesClientOptions { SerializerOptions = ModelshipApiJsonContext.KubernetesClientOptions };
        OperatorClient = new KubernetesClient(KubeconfigLoader.LoadFile(cluster.KubeconfigPath), options);
        Client = cluster.AdminClient(options);
        Namespace = ns;
        // Ahead of the API server's clock by more than a test takes to create its objects, so no creationTimestamp is
        // after the reconciler's "now" (a scheduled time between the two would never be due).
        var now = DateTimeOffset.UtcNow;
        Clock = new ManualTimeProvider(new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(30));
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
        _controller = RefreshScheduleController.Create(RegistryHttp, time: TimeProvider.System, reconcilerTime: Clock, build: build)(context);
        _informers.Start(_stop.Token);
        _run = _controller.RunAsync(_stop.Token);
    }

    public ManualTimeProvider Clock { get; }

    public ReconcileRecorder Reconciles { get; } = new();

    public KubernetesClient OperatorClient { get; }

    public KubernetesClient Client { get; }

    public string Namespace { get; }

    public ResourceClient<Schedule> Schedules => Client.For<Schedule>();

    public ResourceClient<MD> ModelDeployments => Client.For<MD>();

    public static string CrdPath => Path.Combine(ModelDeploymentCrd.RepositoryRoot(), "crds", "modelship.dev_refreshschedules.yaml");

    /// <param name="build">Where the targets' routers publish their metrics (the router port a trial scrapes).</param>
    public static async Task<RefreshScheduleOperator> StartAsync(TestCluster.TestCluster cluster, string ns, ModelDeploymentBuildOptions? build = null)
    {
        using var admin = cluster.AdminClient();
        await ModelDeploymentCrd.InstallAsync(admin);
        await ModelDeploymentCrd.InstallAsync(admin, CrdPath, Schedule.Resource);
        return new RefreshScheduleOperator(cluster, ns, build);
    }

    public async Task<Schedule> GetAsync(string name) => await Schedules.GetAsync(Namespace, name);

    /// <summary>
    /// Moves the reconciler's clock to just after <paramref name="time"/>, touches the schedule and waits until a
    /// reconcile that started after the clock moved has finished. (Not "from the touched resourceVersion": a reconcile
    /// already running when the touch arrives coalesces it with our own status write, and the next one starts from a
    /// later version.)
    /// </summary>
    public async Task MoveClockPastAndReconcileAsync(string name, DateTimeOffset time, TimeSpan timeout)
    {
        var by = time - Clock.GetUtcNow() + TimeSpan.FromSeconds(1);
        if (by > TimeSpan.Zero)
        {
            Clock.Advance(by);
        }
        var mark = Reconciles.Mark;
        await Schedules.MergePatchAsync(Namespace, name, new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["test.modelship.dev/touched"] = Guid.NewGuid().ToString("N") } },
        });
        await Eventually.HoldsAsync(() => Reconciles.FinishedAfter($"{Namespace}/{name}", mark), timeout, $"a reconcile of {name} after the clock moved to {Clock.GetUtcNow():O}");
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
        _controller.Dispose();
        OperatorClient.Dispose();
        Client.Dispose();
        _loggerFactory.Dispose();
        _stop.Dispose();
    }
}
