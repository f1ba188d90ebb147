using k8s.Models;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>status.servedGeneration from the router pods' acknowledgements.</summary>
public static class ServedGeneration
{
    /// <summary>
    /// The lowest generation served by every ready router pod (a ready pod that has not reported counts as 0);
    /// null when no router pod is ready. Terminating pods are ignored: they no longer receive traffic.
    /// </summary>
    public static long? Lowest(IEnumerable<V1Pod> routerPods)
    {
        long? lowest = null;
        foreach (var pod in routerPods.Where(IsReady))
        {
            var served = RouterDeploymentBuilder.ServedGeneration(pod) ?? 0;
            lowest = lowest is { } current ? Math.Min(current, served) : served;
        }
        return lowest;
    }

    /// <summary>
    /// status.servedSince: when every ready router was first seen serving <paramref name="table"/>. Kept from the
    /// previous status while the table's generation is the one it was recorded for (also across operator restarts and
    /// while a new router catches up); now when the routers serve a table for the first time; null before that.
    /// </summary>
    public static DateTimeOffset? Since(ModelDeploymentStatus? previous, RoutingTable? table, long? served, DateTimeOffset now)
    {
        if (table is null)
        {
            return null;
        }
        if (previous?.RoutingGeneration == table.Generation && previous.ServedSince is { } recorded)
        {
            return recorded;
        }
        return served >= table.Generation ? now : null;
    }

    public static bool IsReady(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is null
        && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
}
