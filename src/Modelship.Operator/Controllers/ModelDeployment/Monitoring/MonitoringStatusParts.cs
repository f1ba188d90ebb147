using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Monitoring;

/// <summary>
/// What the routers' reports make of status: the summaries and the Drifting / AccuracyDegraded conditions (null when
/// the corresponding spec part is not set, so the condition is removed).
/// </summary>
public sealed record MonitoringStatusParts(
    ServiceStatsStatus? ServiceStats,
    DriftStatus? Drift,
    AccuracyStatus? Accuracy,
    Condition? Drifting,
    Condition? AccuracyDegraded)
{
    /// <summary>What status already says, for when no router answered: nothing is invented, nothing is lost.</summary>
    public static MonitoringStatusParts Kept(MonitoringSpec monitoring, ModelDeploymentStatus? status)
    {
        ArgumentNullException.ThrowIfNull(monitoring);
        return new(
            status?.ServiceStats,
            monitoring.Drift is null ? null : status?.Drift,
            monitoring.Accuracy is null ? null : status?.Accuracy,
            monitoring.Drift is null ? null : ConditionList.Find(status?.Conditions, ConditionTypes.Drifting),
            monitoring.Accuracy is null ? null : ConditionList.Find(status?.Conditions, ConditionTypes.AccuracyDegraded));
    }
}
