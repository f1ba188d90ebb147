using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Queue;

namespace Modelship.Kubernetes.Controllers;

/// <summary>Starts a controller definition for the kind it reconciles: <c>ControllerBuilder.For&lt;ModelDeployment&gt;()</c>.</summary>
public static class ControllerBuilder
{
    public static ControllerBuilder<T> For<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> => new(ResourceType.Of<T>());

    /// <summary>For a kind described at run time, e.g. a custom resource read as <see cref="GenericObject"/>.</summary>
    public static ControllerBuilder<T> For<T>(ResourceType resource)
        where T : class, IKubernetesObject<V1ObjectMeta> => new(resource);
}

/// <summary>
/// Describes what a controller watches; <see cref="Build(SharedInformerFactory, IReconciler, ILoggerFactory?)"/> wires
/// it to the shared informers.
/// </summary>
public sealed class ControllerBuilder<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ResourceType _resource;
    private readonly List<Func<SharedInformerFactory, IControllerSource>> _sources = [];
    private ChangePredicate _predicate = ChangePredicate.Any;
    private string? _name;
    private int _maxConcurrentReconciles = 1;
    private TimeProvider _timeProvider = TimeProvider.System;
    private IRateLimiter<ObjectKey>? _rateLimiter;
    private TimeSpan? _shutdownTimeout;
    private TimeSpan? _cacheSyncTimeout;

    internal ControllerBuilder(ResourceType resource)
    {
        _resource = resource;
    }

    /// <summary>Metrics label and queue name; the lowercase kind by default.</summary>
    public ControllerBuilder<T> Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
        return this;
    }

    /// <summary>Reconcile the owner when an object it controls (controller ownerReference to this kind) changes.</summary>
    public ControllerBuilder<T> Owns<TOwned>(ChangePredicate? predicate = null)
        where TOwned : class, IKubernetesObject<V1ObjectMeta> => Owns<TOwned>(ResourceType.Of<TOwned>(), predicate);

    /// <summary>Like <see cref="Owns{TOwned}(ChangePredicate?)"/> with the factory's informer for <paramref name="options"/> (e.g. label-selected, transformed).</summary>
    public ControllerBuilder<T> Owns<TOwned>(InformerOptions options, ChangePredicate? predicate = null)
        where TOwned : class, IKubernetesObject<V1ObjectMeta> => Owns<TOwned>(ResourceType.Of<TOwned>(), predicate, options);

    public ControllerBuilder<T> Owns<TOwned>(ResourceType ownedResource, ChangePredicate? predicate = null, InformerOptions? options = null)
        where TOwned : class, IKubernetesObject<V1ObjectMeta>
    {
        var ownerResource = _resource;
        _sources.Add(factory => new InformerSource<TOwned>(
            factory.For<TOwned>(ownedResource, options), obj => OwnerKeys.ControllerOf(obj, ownerResource), predicate ?? ChangePredicate.Any));
        return this;
    }

    /// <summary>Reconcile the keys <paramref name="map"/> returns whenever an object of the informer's kind changes.</summary>
    public ControllerBuilder<T> Watches<TOther>(SharedInformer<TOther> informer, Func<TOther, IEnumerable<ObjectKey>> map, ChangePredicate? predicate = null)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(informer);
        ArgumentNullException.ThrowIfNull(map);
        _sources.Add(_ => new InformerSource<TOther>(informer, map, predicate ?? ChangePredicate.Any));
        return this;
    }

    /// <summary>Like <see cref="Watches{TOther}(SharedInformer{TOther}, Func{TOther, IEnumerable{ObjectKey}}, ChangePredicate?)"/> with the factory's informer of that kind.</summary>
    public ControllerBuilder<T> Watches<TOther>(Func<TOther, IEnumerable<ObjectKey>> map, ChangePredicate? predicate = null)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(map);
        _sources.Add(factory => new InformerSource<TOther>(factory.For<TOther>(), map, predicate ?? ChangePredicate.Any));
        return this;
    }

    /// <summary>Filters changes of the reconciled kind; several calls must all pass.</summary>
    public ControllerBuilder<T> WithPredicate(ChangePredicate predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        _predicate = ReferenceEquals(_predicate, ChangePredicate.Any) ? predicate : _predicate.And(predicate);
        return this;
    }

    public ControllerBuilder<T> WithMaxConcurrentReconciles(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _maxConcurrentReconciles = workers;
        return this;
    }

    public ControllerBuilder<T> WithTimeProvider(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        return this;
    }

    public ControllerBuilder<T> WithRateLimiter(IRateLimiter<ObjectKey> rateLimiter)
    {
        _rateLimiter = rateLimiter;
        return this;
    }

    public ControllerBuilder<T> WithShutdownTimeout(TimeSpan timeout)
    {
        _shutdownTimeout = timeout;
        return this;
    }

    public ControllerBuilder<T> WithCacheSyncTimeout(TimeSpan timeout)
    {
        _cacheSyncTimeout = timeout;
        return this;
    }

    public Controller Build(SharedInformerFactory informers, IReconciler reconciler, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(informers);
        ArgumentNullException.ThrowIfNull(reconciler);
        var primary = new InformerSource<T>(informers.For<T>(_resource), obj => [ObjectKey.From(obj)], _predicate);
        IReadOnlyList<IControllerSource> sources = [primary, .. _sources.Select(create => create(informers))];
        var defaults = new ControllerOptions { Name = "defaults" };
        var options = new ControllerOptions
        {
            Name = _name ?? _resource.Kind.ToLowerInvariant(),
            MaxConcurrentReconciles = _maxConcurrentReconciles,
            TimeProvider = _timeProvider,
            RateLimiter = _rateLimiter,
            ShutdownTimeout = _shutdownTimeout ?? defaults.ShutdownTimeout,
            CacheSyncTimeout = _cacheSyncTimeout ?? defaults.CacheSyncTimeout,
        };
        return new Controller(options, reconciler, sources, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<Controller>());
    }

    public Controller Build(
        SharedInformerFactory informers, Func<ObjectKey, CancellationToken, Task<ReconcileResult>> reconcile, ILoggerFactory? loggerFactory = null) =>
        Build(informers, new DelegateReconciler(reconcile), loggerFactory);

    private sealed class DelegateReconciler(Func<ObjectKey, CancellationToken, Task<ReconcileResult>> reconcile) : IReconciler
    {
        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken) => reconcile(key, cancellationToken);
    }
}
