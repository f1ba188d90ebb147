using Microsoft.Extensions.Logging;
using Modelship.Api.Routing;

namespace Modelship.Serving.Routing;

/// <summary>
/// Holds the snapshot the router serves in one volatile reference. A swap is a single reference write: requests
/// that already read the old snapshot finish on it, later ones see the new one, and none is dropped.
/// </summary>
public sealed class RoutingTableHolder(ILogger logger, Action<RoutingSnapshot>? swapped = null) : IRoutingTableTarget
{
    private volatile RoutingSnapshot? _current;

    /// <summary>The snapshot to serve, or null before the first table.</summary>
    public RoutingSnapshot? Current => _current;

    public long? ServedGeneration => _current?.Generation;

    public void Update(RoutingTable table)
    {
        var snapshot = new RoutingSnapshot(table);
        _current = snapshot;
        swapped?.Invoke(snapshot);
        RouterLog.TableSwapped(logger, table.Generation, table.ModelName, table.Backends.Count);
    }
}
