using System.ComponentModel;

namespace Modelship.Api.V1Alpha1;

/// <summary>One version's accuracy from actuals.</summary>
public sealed record VersionAccuracyStatus
{
    [Description("Version of the model.")]
    public required string Version { get; init; }

    [Description("Actuals is the number of joined actuals the metrics are computed over, summed over router Pods.")]
    public long? Actuals { get; init; }

    [Description("Metrics maps a metric name (accuracy, logLoss, auc, rmse, mae, mape) to its value, the worst over router Pods.")]
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }
}
