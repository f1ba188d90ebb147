using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>An accuracy metric, named as the routers report it (<c>MonitoringReport</c> accuracy metrics).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AccuracyMetric>))]
public enum AccuracyMetric
{
    [JsonStringEnumMemberName("accuracy")]
    Accuracy,

    [JsonStringEnumMemberName("logLoss")]
    LogLoss,

    [JsonStringEnumMemberName("auc")]
    Auc,

    [JsonStringEnumMemberName("rmse")]
    Rmse,

    [JsonStringEnumMemberName("mae")]
    Mae,

    [JsonStringEnumMemberName("mape")]
    Mape,
}
