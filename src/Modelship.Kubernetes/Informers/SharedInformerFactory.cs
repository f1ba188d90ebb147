using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Watch;

namespace Modelship.Kubernetes.Informers;

/// <summary>
/// One informer per kind and <see cref="InformerOptions"/>, shared by every controller that asks for it.
/// <see cref="Start"/> runs the informers created so far; informers asked for later start at once.
/// </summary>
public sealed class SharedInformerFactory : IAsyncDisposable
{
    private static readonly InformerOptions Unfiltered = new();

    private readonly KubernetesClient _client;
    private readonly SharedInformerFactoryOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Lock _lock = new();
    private readonly Dictionary<(Type, ResourceType, InformerOptions), ISharedInformer> _informers = [];
    private readonly List<Task> _running = [];
    private CancellationTokenSource? _stop;

    public SharedInformerFactory(KubernetesClient client, SharedInformerFactoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new SharedInformerFactoryOptions();
        _loggerFactory = _options.LoggerFactory ?? NullLoggerFactory.Instance;
    }

    public IReadOnlyCollection<ISharedInformer> Informers
    {
        get
        {
            lock (_lock)
            {
                return [.. _informers.Values];
            }
        }
    }

    /// <summary>True when every informer created so far has synced.</summary>
    public bool HasSynced => Informers.All(i => i.HasSynced);

    public SharedInformer<T> For<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> => For<T>(ResourceType.Of<T>());

    /// <summary>The informer of a kind that caches only what <paramref name="options"/> select.</summary>
    public SharedInformer<T> For<T>(InformerOptions options)
        where T : class, IKubernetesObject<V1ObjectMeta> => For<T>(ResourceType.Of<T>(), options);

    /// <summary>The informer of a kind described by <paramref name="resource"/> (e.g. a custom resource as <see cref="GenericObject"/>).</summary>
    public SharedInformer<T> For<T>(ResourceType resource, InformerOptions? options = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(resource);
        options ??= Unfiltered;
        lock (_lock)
        {
            if (_informers.TryGetValue((typeof(T), resource, options), out var existing))
            {
                return (SharedInformer<T>)existing;
            }

            var resourceClient = _client.For<T>(resource);
            var watcherLogger = _loggerFactory.CreateLogger<ListWatcher<T>>();
            var watcherOptions = WatcherOptions(options);
            var informer = new SharedInformer<T>(
                resource,
                ListWatch(resourceClient, watcherOptions, watcherLogger),
                _loggerFactory.CreateLogger<SharedInformer<T>>(),
                _options.TimeProvider,
                options.Transform,
                _options.ResyncPeriod);
            _informers[(typeof(T), resource, options)] = informer;
            if (_stop is not null)
            {
                _running.Add(informer.RunAsync(_stop.Token));
            }

            return informer;
        }
    }

    /// <summary>One list-watch of all namespaces, or one per watched namespace merged into one stream.</summary>
    private Func<CancellationToken, IAsyncEnumerable<ListWatchEvent<T>>> ListWatch<T>(
        ResourceClient<T> resourceClient, ListWatcherOptions watcherOptions, ILogger watcherLogger)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (_options.Namespaces.Count == 0)
        {
            return ct => new ListWatcher<T>(resourceClient, null, watcherOptions, watcherLogger, _options.TimeProvider).WatchAsync(ct);
        }

        var perNamespace = _options.Namespaces
            .Select(ns => (Func<CancellationToken, IAsyncEnumerable<ListWatchEvent<T>>>)(ct =>
                new ListWatcher<T>(resourceClient, ns, watcherOptions, watcherLogger, _options.TimeProvider).WatchAsync(ct)))
            .ToList();
        return perNamespace.Count == 1 ? perNamespace[0] : ct => MergedListWatch.MergeAsync(perNamespace, ct);
    }

    /// <summary>The factory-wide list-watch options narrowed by the informer's own label selector (both must match).</summary>
    private ListWatcherOptions WatcherOptions(InformerOptions options)
    {
        var shared = _options.ListWatcherOptions ?? new ListWatcherOptions();
        if (string.IsNullOrEmpty(options.LabelSelector))
        {
            return shared;
        }

        return shared with
        {
            LabelSelector = string.IsNullOrEmpty(shared.LabelSelector) ? options.LabelSelector : $"{shared.LabelSelector},{options.LabelSelector}",
        };
    }

    public void Start(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_stop is not null)
            {
                return;
            }

            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            foreach (var informer in _informers.Values)
            {
                _running.Add(informer.RunAsync(_stop.Token));
            }
        }
    }

    public async Task WaitForCacheSyncAsync(CancellationToken cancellationToken)
    {
        foreach (var informer in Informers)
        {
            await informer.WaitForCacheSyncAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (_lock)
        {
            _stop?.Cancel();
            running = [.. _running];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        _stop?.Dispose();
    }
}
