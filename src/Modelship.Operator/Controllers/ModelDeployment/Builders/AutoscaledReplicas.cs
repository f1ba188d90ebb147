using k8s.Models;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>
/// A serving Deployment under spec.autoscaling: its desired object has no spec.replicas (the HorizontalPodAutoscaler
/// owns the field; an apply that sets it would fight the autoscaler) and is marked with <see cref="Annotation"/>, so the
/// reconciler knows when it hands the field over (<see cref="HandoverFieldManager"/>). Suspended, it is scaled to zero
/// as without autoscaling, and its autoscaler is deleted.
/// </summary>
public static class AutoscaledReplicas
{
    public const string Annotation = "modelship.dev/autoscaled";

    /// <summary>
    /// The field manager that takes over spec.replicas before the operator's apply stops sending it: a field whose only
    /// manager stops applying it is removed (back to its default, 1); one another manager holds keeps its value.
    /// </summary>
    public const string HandoverFieldManager = "modelship-autoscaling-handover";

    public static bool IsAutoscaled(AutoscalingSpec? autoscaling, bool suspended) => autoscaling is not null && !suspended;

    /// <summary><paramref name="deployment"/> without replicas and with the annotation, when autoscaled.</summary>
    public static V1Deployment Release(V1Deployment deployment, AutoscalingSpec? autoscaling, bool suspended)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (!IsAutoscaled(autoscaling, suspended))
        {
            return deployment;
        }
        deployment.Spec.Replicas = null;
        deployment.Metadata.Annotations = new Dictionary<string, string>(deployment.Metadata.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [Annotation] = "true",
        };
        return deployment;
    }

    /// <summary>
    /// The replicas to hand over for <paramref name="live"/> when it is not yet marked autoscaled (null: nothing to hand
    /// over): what it runs, or the autoscaler's minimum when it was scaled to zero (an autoscaler leaves a Deployment
    /// at zero alone).
    /// </summary>
    public static int? Handover(V1Deployment? live, AutoscalingSpec autoscaling)
    {
        ArgumentNullException.ThrowIfNull(autoscaling);
        if (live is null || live.Metadata.Annotations?.ContainsKey(Annotation) == true)
        {
            return null;
        }
        return live.Spec?.Replicas is > 0 and var replicas ? replicas : autoscaling.MinReplicas ?? 1;
    }
}
