using Modelship.Api.Routing;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>
/// Replicas of the runtime Deployments the reconciler does not rebuild from the spec: the active champion once the
/// spec names another version (kept as it was built, so traffic can stay on it or return to it), and versions
/// waiting to be deleted. Suspend must stop them too, and resume must bring back the ones traffic may need.
/// </summary>
public static class KeptRuntimeReplicas
{
    /// <returns>The replicas <paramref name="version"/>'s Deployment should have; null to leave it as it is.</returns>
    public static int? Desired(string version, bool suspended, VersionPlan plan, RoutingTable? table, int specReplicas)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (suspended)
        {
            return 0;
        }
        var inUse = version == plan.Active.Version || table?.Backends.Any(b => b.Version == version) == true;
        return inUse ? specReplicas : null;
    }
}
