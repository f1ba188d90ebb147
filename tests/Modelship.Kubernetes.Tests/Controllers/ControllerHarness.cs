using System.Collections.Concurrent;
using System.Threading.Channels;
using k8s.Models;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Tests.Queue;
using Modelship.Kubernetes.Watch;

namespace Modelship.Kubernetes.Tests.Controllers;

/// <summary>A controller over a ConfigMap informer fed by the test, with a scripted reconciler and a manual clock.</summary>
internal sealed class ControllerHarness : IAsyncDisposable
{
    private readonly Channel<ListWatchEvent<V1ConfigMap>> _stream = Channel.CreateUnbounded<ListWatchEvent<V1ConfigMap>>();
    private readonly CancellationTokenSource _informerStop = new();
    private readonly CancellationTokenSource _controllerStop = new();
    private readonly Task _informerRun;
    private Task _controllerRun = Task.CompletedTask;

    public ControllerHarness(
        string name,
        Func<ObjectKey, CancellationToken, Task<ReconcileResult>> reconcile,
        int workers = 1,
        ChangePredicate? predicate = null,
        TimeSpan? shutdownTimeout = null,
        IReadOnlyList<Func<SharedInformer<V1ConfigMap>, IControllerSource>>? extraSources = null)
    {
        Informer = new SharedInformer<V1ConfigMap>(ResourceType.Of<V1ConfigMap>(), ct => _stream.Reader.ReadAllAsync(ct), timeProvider: Time);
        _informerRun = Informer.RunAsync(_informerStop.Token);
        IReadOnlyList<IControllerSource> sources =
        [
            new InformerSource<V1ConfigMap>(Informer, obj => [ObjectKey.From(obj)], predicate ?? ChangePredicate.Any),
            .. (extraSources ?? []).Select(create => create(Informer)),
        ];
        Controller = new Controller(
            new ControllerOptions
            {
                Name = name,
                MaxConcurrentReconciles = workers,
                TimeProvider = Time,
                ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(30),
            },
            new RecordingReconciler(this, reconcile),
            sources);
    }

    public ManualTimeProvider Time { get; } = new();

    public SharedInformer<V1ConfigMap> Informer { get; }

    public Controller Controller { get; }

    public ConcurrentQueue<ObjectKey> Calls { get; } = new();

    public int CallCount(string name) => Calls.Count(k => k.Name == name);

    public void Start() => _controllerRun = Controller.RunAsync(_controllerStop.Token);

    public Task StopAsync()
    {
        _controllerStop.Cancel();
        return _controllerRun;
    }

    public ValueTask List(params V1ConfigMap[] items) =>
        _stream.Writer.WriteAsync(new ListWatchEvent<V1ConfigMap>(ListWatchEventType.Snapshot, null, items, "1"));

    public ValueTask Change(ListWatchEventType type, V1ConfigMap obj) =>
        _stream.Writer.WriteAsync(new ListWatchEvent<V1ConfigMap>(type, obj, [], obj.Metadata.ResourceVersion ?? "1"));

    /// <summary>Waits until the controller is idle: nothing queued or in flight, so delayed re-adds are scheduled.</summary>
    public async Task Settle()
    {
        await WaitUntil(() => Controller.Queue.Count == 0 && Controller.Queue.InFlight == 0);
    }

    public static Task WaitUntil(Func<bool> condition, double seconds = 5) =>
        Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(seconds), $"the condition should hold within {seconds} s");

    public async ValueTask DisposeAsync()
    {
        await _controllerStop.CancelAsync();
        await _controllerRun.WaitAsync(TimeSpan.FromSeconds(10));
        await _informerStop.CancelAsync();
        await _informerRun.WaitAsync(TimeSpan.FromSeconds(10));
        Controller.Dispose();
        _controllerStop.Dispose();
        _informerStop.Dispose();
    }

    private sealed class RecordingReconciler(ControllerHarness harness, Func<ObjectKey, CancellationToken, Task<ReconcileResult>> reconcile)
        : IReconciler
    {
        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            harness.Calls.Enqueue(key);
            return reconcile(key, cancellationToken);
        }
    }
}
