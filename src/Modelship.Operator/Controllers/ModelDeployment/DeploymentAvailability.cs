using k8s.Models;
using Modelship.Kubernetes.Models;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>When a runtime Deployment may take traffic, judged from its status as the Deployment controller reports it.</summary>
public static class DeploymentAvailability
{
    /// <summary>
    /// Available: the controller has seen the latest spec (observedGeneration ≥ generation) and at least
    /// <paramref name="desiredReplicas"/> pods run it and are available. A Deployment scaled to 0 serves nothing.
    /// </summary>
    public static bool IsAvailable(V1Deployment? live, int desiredReplicas)
    {
        if (live?.Status is not { } status || desiredReplicas <= 0)
        {
            return false;
        }
        return (status.ObservedGeneration ?? 0) >= (live.Metadata.Generation ?? 0)
            && (status.UpdatedReplicas ?? 0) >= desiredReplicas
            && (status.AvailableReplicas ?? 0) >= desiredReplicas;
    }
}
