using System.Text.Json.Serialization;

namespace Modelship.Serving.Routing;

/// <summary>The V2 server metadata answer of the router.</summary>
public sealed record RouterServerMetadata(string Name, string Version, IReadOnlyList<string> Extensions);

/// <summary>The V2 readiness answer.</summary>
public sealed record RouterReadiness(bool Ready);

/// <summary>The V2 liveness answer.</summary>
public sealed record RouterLiveness(bool Live);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RouterServerMetadata))]
[JsonSerializable(typeof(RouterReadiness))]
[JsonSerializable(typeof(RouterLiveness))]
[JsonSerializable(typeof(Monitoring.Actuals.ActualsCounts))]
internal sealed partial class RouterJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Writes quotes and non-ASCII text as is, so names stay readable; these bodies are served as
    /// application/json, never embedded in HTML.
    /// </summary>
    public static RouterJsonContext Readable => s_readable ??= CreateReadable();

    private static RouterJsonContext? s_readable;

    private static RouterJsonContext CreateReadable()
    {
        var options = new System.Text.Json.JsonSerializerOptions(Default.GeneratedSerializerOptions!)
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        return new RouterJsonContext(options);
    }
}
