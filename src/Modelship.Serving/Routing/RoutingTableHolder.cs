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
        if (_current is { } served && (served.Pipeline is null) != (table.Pipeline is null))
        {
            // Requests are dispatched by the kind of the table they find; a router serves one kind for its lifetime.
            var problem = served.Pipeline is null
                ? "this router serves a ModelDeployment; a pipeline table cannot replace its table"
                : "this router serves a Pipeline; a table without pipeline steps cannot replace its table";
            throw new RoutingTableException(problem, [problem]);
        }
        var snapshot = new RoutingSnapshot(table);
        _current = snapshot;
        swapped?.Invoke(snapshot);
        RouterLog.TableSwapped(logger, table.Generation, table.ModelName, table.Backends.Count);
    }
}
