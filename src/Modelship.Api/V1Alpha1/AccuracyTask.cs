using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>The model's task for accuracy from actuals.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AccuracyTask>))]
public enum AccuracyTask
{
    /// <summary>Predictions and actuals are classes.</summary>
    [JsonStringEnumMemberName("classification")]
    Classification,

    /// <summary>Predictions and actuals are numbers.</summary>
    [JsonStringEnumMemberName("regression")]
    Regression,
}
