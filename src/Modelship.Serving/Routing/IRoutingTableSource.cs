namespace Modelship.Serving.Routing;

/// <summary>
/// Where a router gets its routing tables: a file in local mode, a ConfigMap in a cluster. A source delivers the
/// current table and every change to the target until cancelled, and keeps the served table when a new one is
/// invalid. A cluster source also reports <see cref="IRoutingTableTarget.ServedGeneration"/> back (as the Pod
/// annotation <c>modelship.dev/routing-generation</c>) so the operator knows when old backends are unused.
/// </summary>
public interface IRoutingTableSource
{
    Task RunAsync(IRoutingTableTarget target, CancellationToken cancellationToken);
}
