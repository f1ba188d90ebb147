using Microsoft.Extensions.Logging;
using Modelship.Kubernetes.Watch;

namespace Modelship.Kubernetes.Informers;

public sealed class SharedInformerFactoryOptions
{
    /// <summary>Watch only these namespaces (one list-watch each, merged into one cache); empty watches all namespaces.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    public ListWatcherOptions? ListWatcherOptions { get; init; }

    public ILoggerFactory? LoggerFactory { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How often each informer hands every cached object to its handlers again (controller-runtime's SyncPeriod), so
    /// every object is reconciled now and then even if no event comes; null: never. Each informer jitters it by ±10 %.
    /// </summary>
    public TimeSpan? ResyncPeriod { get; init; }
}
