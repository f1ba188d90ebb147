using Modelship.Serving.InferenceLog;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Monitoring.Drift;

/// <summary>
/// An answered request queued for the drift monitor: what the router already holds, plus what its inference log entry
/// needs, since the entry is written once the feature range checks are known.
/// </summary>
public sealed record DriftObservation(
    RoutingSnapshot Snapshot,
    RoutedBackend Backend,
    byte[] Body,
    BackendResponse Answer,
    int Status,
    TimeSpan Latency,
    DateTime Time,
    IReadOnlyList<string> CheckFailures,
    InferenceLogContext? Log);
