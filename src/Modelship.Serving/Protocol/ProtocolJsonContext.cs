using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Modelship.Serving.Protocol;

/// <summary>Source-generated JSON for the V2 metadata and error bodies (snake_case, nulls left out).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ServerMetadataResponse))]
[JsonSerializable(typeof(ModelMetadataResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ModelReadyResponse))]
[JsonSerializable(typeof(ErrorResponse))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Writes non-ASCII text and quotes as they are rather than as \uXXXX escapes: the bodies are application/json,
    /// never embedded in HTML.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The context with <see cref="WriterOptions"/>' encoder; use it to write responses.</summary>
    public static ProtocolJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
