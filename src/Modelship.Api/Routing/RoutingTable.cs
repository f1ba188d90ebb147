using System.Text.Json;
using System.Text.Json.Serialization;

namespace Modelship.Api.Routing;

/// <summary>
/// An immutable, versioned snapshot of how a router spreads the traffic of one model over its backends. The
/// ModelDeployment controller writes it into a ConfigMap; the router swaps to a new snapshot atomically and reports
/// the <see cref="Generation"/> it serves.
/// </summary>
public sealed record RoutingTable
{
    /// <summary>
    /// Monotonic number of this snapshot. The operator removes an old backend only after every router reports a
    /// generation that no longer names it.
    /// </summary>
    public long Generation { get; init; }

    /// <summary>Model name the router exposes to callers (<c>/v2/models/{name}</c>).</summary>
    public required string ModelName { get; init; }

    /// <summary>The backends: exactly one champion, any number of challengers and shadows.</summary>
    public IReadOnlyList<RoutingBackend> Backends { get; init; } = [];

    /// <summary>
    /// Key that keeps a caller on one backend for as long as the weights stay the same. Requests without the key
    /// take the random weighted split.
    /// </summary>
    public RoutingKey? StickyKey { get; init; }

    /// <summary>Routing by the exact value of a key; it takes precedence over the sticky and weighted splits.</summary>
    public KeySplitRule? KeySplit { get; init; }

    /// <summary>Expected ranges of output values; predictions outside them are counted and logged as warnings.</summary>
    public IReadOnlyList<PredictionBound> PredictionWarnings { get; init; } = [];

    /// <summary>
    /// The steps of a Pipeline. A table with a pipeline serves it under <see cref="ModelName"/> and has no backends,
    /// keys or prediction bounds of its own.
    /// </summary>
    public RoutingPipeline? Pipeline { get; init; }

    /// <summary>Inference log settings; nothing is logged when absent.</summary>
    public InferenceLogSettings? Log { get; init; }

    /// <summary>Drift and accuracy monitoring; off when absent.</summary>
    public MonitoringSettings? Monitoring { get; init; }

    /// <summary>Parameters merged into every inference request before it is forwarded and logged; none when absent.</summary>
    public ParameterDefaults? PredictionDefaults { get; init; }

    /// <summary>The champion, or null when the table has none (an invalid table).</summary>
    [JsonIgnore]
    public RoutingBackend? Champion => Backends.FirstOrDefault(b => b.Role == BackendRole.Champion);

    /// <summary>Checks the table's invariants; an empty list means the table is valid.</summary>
    public IReadOnlyList<string> Validate() => RoutingTableValidator.Validate(this);

    /// <summary>Serializes the table to its JSON form (camelCase, enums as lowercase strings).</summary>
    public string Serialize(bool indented = false) =>
        JsonSerializer.Serialize(this, indented ? RoutingTableJsonContext.Indented.RoutingTable : RoutingTableJsonContext.Default.RoutingTable);

    /// <summary>Parses and validates a table; throws <see cref="RoutingTableException"/> when it is malformed or invalid.</summary>
    public static RoutingTable Parse(string json) => Parse(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>Parses and validates a table from UTF-8 bytes; throws <see cref="RoutingTableException"/> when it is malformed or invalid.</summary>
    public static RoutingTable Parse(ReadOnlySpan<byte> utf8Json)
    {
        RoutingTable? table;
        try
        {
            table = JsonSerializer.Deserialize(utf8Json, RoutingTableJsonContext.Default.RoutingTable);
        }
        catch (JsonException e)
        {
            throw new RoutingTableException($"routing table is not valid JSON: {e.Message}", [e.Message]);
        }
        return Checked(table);
    }

    private static RoutingTable Checked(RoutingTable? table)
    {
        if (table is null)
        {
            throw new RoutingTableException("routing table is null", ["routing table is null"]);
        }
        // The source generator sets init-only properties missing from the JSON to null, not to their initializers.
        table = table with
        {
            Backends = table.Backends ?? [],
            PredictionWarnings = table.PredictionWarnings ?? [],
            KeySplit = table.KeySplit is { Routes: null } split ? split with { Routes = new Dictionary<string, string>() } : table.KeySplit,
            Pipeline = table.Pipeline?.Normalized(),
            PredictionDefaults = table.PredictionDefaults?.Normalized(),
        };
        var errors = table.Validate();
        if (errors.Count > 0)
        {
            throw new RoutingTableException($"routing table is invalid: {string.Join("; ", errors)}", errors);
        }
        return table;
    }
}
