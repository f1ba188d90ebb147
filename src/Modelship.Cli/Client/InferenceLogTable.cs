using System.Text.Json.Nodes;

namespace Modelship.Cli.Client;

/// <summary>
/// The router's <c>GET /v2/logs</c> answer (<c>{"entries":[...]}</c>, newest first) as a table (pure): TIME, ID,
/// VERSION, ROLE, STATUS, LATENCY MS, VALID, ERROR. The tensors stay out of the table; -o json prints them.
/// </summary>
public static class InferenceLogTable
{
    public static readonly IReadOnlyList<string> Header = ["TIME", "ID", "VERSION", "ROLE", "STATUS", "LATENCY MS", "VALID", "ERROR"];

    public static string Format(JsonNode answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var entries = (answer["entries"] as JsonArray ?? []).OfType<JsonObject>();
        return TextTable.Format(Header, entries.Select(e => (IReadOnlyList<string>)
        [
            Text(e["time"]), Text(e["id"]), Text(e["version"]), Text(e["role"]), Text(e["status"]), Text(e["latencyMs"]), Text(e["valid"]),
            Text(e["error"]) is { Length: > 0 } error ? error : (e["checkFailures"] is JsonArray { Count: > 0 } checks ? checks.ToJsonString() : ""),
        ]));
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };
}
