using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>How a model file is to be served.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelFormat>))]
public enum ModelFormat
{
    /// <summary>An ONNX model; the built-in runtime serves it.</summary>
    [JsonStringEnumMemberName("onnx")]
    Onnx,

    /// <summary>Any format a custom runtime image understands.</summary>
    [JsonStringEnumMemberName("custom")]
    Custom,
}
