using System.Text.Json.Serialization;

namespace Modelship.Api.Routing;

/// <summary>
/// Source-generated JSON metadata for <see cref="RoutingTable"/>. Unknown properties are ignored so that a router
/// keeps reading tables written by a newer operator during an upgrade.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(RoutingTable))]
[JsonSerializable(typeof(MonitoringReport))]
public sealed partial class RoutingTableJsonContext : JsonSerializerContext
{
    /// <summary>The same metadata, writing indented JSON (for ConfigMaps people read).</summary>
    public static RoutingTableJsonContext Indented => s_indented ??= CreateIndented();

    private static RoutingTableJsonContext? s_indented;

    private static RoutingTableJsonContext CreateIndented()
    {
        var options = new System.Text.Json.JsonSerializerOptions(Default.GeneratedSerializerOptions!) { WriteIndented = true };
        return new RoutingTableJsonContext(options);
    }
}
