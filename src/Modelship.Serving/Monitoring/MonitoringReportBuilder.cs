using Modelship.Api.Routing;
using Modelship.Serving.Monitoring.Actuals;
using Modelship.Serving.Monitoring.ServiceStats;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Monitoring;

/// <summary>
/// Builds the <see cref="MonitoringReport"/> of <c>GET /v2/monitoring</c> from the service stats, the accuracy of the
/// actuals join (when the table asks for actuals and the router has a store) and the drift provider (empty until
/// drift monitoring supplies one).
/// </summary>
public sealed class MonitoringReportBuilder(
    ServiceStatsRecorder stats,
    ActualsMonitor? actuals,
    TimeProvider clock,
    Func<IReadOnlyList<VersionDrift>>? drift = null)
{
    public MonitoringReport Build(RoutingSnapshot snapshot)
    {
        var actualsSettings = snapshot.Table.Monitoring?.Actuals;
        return new MonitoringReport
        {
            Model = snapshot.Table.ModelName,
            Generation = snapshot.Generation,
            Time = clock.GetUtcNow(),
            ServiceStats = stats.Read(),
            Drift = drift?.Invoke() ?? [],
            Accuracy = actuals is not null && actualsSettings is not null ? actuals.Accuracy(actualsSettings) : [],
            ActualsReceived = actuals?.Received ?? 0,
        };
    }
}
