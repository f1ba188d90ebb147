using Modelship.Api.Routing;

namespace Modelship.Serving.Routing;

/// <summary>What a routing table source delivers tables to.</summary>
public interface IRoutingTableTarget
{
    /// <summary>Swaps to <paramref name="table"/>; throws <see cref="RoutingTableException"/> when it is invalid.</summary>
    void Update(RoutingTable table);

    /// <summary>Generation of the table being served, or null before the first table.</summary>
    long? ServedGeneration { get; }
}
