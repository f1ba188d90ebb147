using Microsoft.Extensions.Logging;
using Modelship.Kubernetes.Watch;

namespace Modelship.Kubernetes.Informers;

public sealed class SharedInformerFactoryOptions
{
    /// <summary>Watch only this namespace; null watches all namespaces.</summary>
    public string? Namespace { get; init; }

    public ListWatcherOptions? ListWatcherOptions { get; init; }

    public ILoggerFactory? LoggerFactory { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
