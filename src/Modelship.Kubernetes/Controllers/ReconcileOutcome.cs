namespace Modelship.Kubernetes.Controllers;

/// <summary>The <c>result</c> label of <c>modelship_reconcile_total</c>, named as in controller-runtime.</summary>
internal static class ReconcileOutcome
{
    public const string Success = "success";
    public const string Error = "error";
    public const string Requeue = "requeue";
    public const string RequeueAfter = "requeue_after";

    public static readonly string[] All = [Success, Error, Requeue, RequeueAfter];
}
