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
    public static long? Lowest(IEnumerable<Pod> routerPods)
    {
        long? lowest = null;
        foreach (var pod in routerPods.Where(IsReady))
        {
            var served = RouterDeploymentBuilder.ServedGeneration(pod) ?? 0;
            lowest = lowest is { } current ? Math.Min(current, served) : served;
        }
        return lowest;
    }

    public static bool IsReady(Pod pod) =>
        pod.Metadata.DeletionTimestamp is null
        && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
}
