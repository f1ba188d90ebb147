using Microsoft.Extensions.Logging;

namespace Modelship.Kubernetes.Events;

public sealed class EventRecorderOptions
{
    /// <summary><c>source.component</c> and <c>reportingComponent</c> of every Event.</summary>
    public string Component { get; init; } = "modelship";

    /// <summary><c>source.host</c> and <c>reportingInstance</c>, e.g. the pod name; optional.</summary>
    public string? Instance { get; init; }

    /// <summary>How many recent distinct events are remembered for aggregation.</summary>
    public int AggregationCacheSize { get; init; } = 256;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory? LoggerFactory { get; init; }
}
