using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>The file formats of batch input and output.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefreshBatchFormat>))]
public enum RefreshBatchFormat
{
    /// <summary>Comma-separated values with a header row.</summary>
    Csv,

    /// <summary>One JSON object per line.</summary>
    JsonLines,
}
