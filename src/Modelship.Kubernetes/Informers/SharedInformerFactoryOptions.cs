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
}
