using System.Text.Json;
using Modelship.Api.Routing;

namespace Modelship.Operator.Controllers.Pipeline;

/// <summary>Comparing routing tables by what they route, whatever their generation.</summary>
public static class RoutingTables
{
    public static bool SameContent(RoutingTable a, RoutingTable b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return JsonSerializer.Serialize(a with { Generation = 0 }, RoutingTableJsonContext.Default.RoutingTable)
            == JsonSerializer.Serialize(b with { Generation = 0 }, RoutingTableJsonContext.Default.RoutingTable);
    }
}
