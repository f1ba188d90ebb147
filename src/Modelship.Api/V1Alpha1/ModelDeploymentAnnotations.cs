namespace Modelship.Api.V1Alpha1;

/// <summary>
/// Annotations people (or an Argo CD resource action) set on a ModelDeployment to steer the rollout in progress.
/// Actions can only patch the object, and status belongs to the operator, so a request is an annotation whose
/// value names the version it is meant for (status.pendingModel.version): a request left over from an earlier
/// rollout names another version and does nothing. The operator removes a request once it no longer names the
/// pending version (handled, or stale).
/// </summary>
public static class ModelDeploymentAnnotations
{
    /// <summary>
    /// Abort the rollout of the named pending version: traffic goes back to the champion, the attempt is recorded as
    /// Failed in status.history and not retried until spec.model names another version or URI.
    /// </summary>
    public const string Abort = "modelship.dev/abort";

    /// <summary>
    /// Promote the named pending version now: skip the remaining canary steps, pauses and analysis and route all
    /// traffic to it once it is Available and has passed the replacement checks. The old version is still deleted
    /// only after every router serves the new table and the drain delay has passed.
    /// </summary>
    public const string Promote = "modelship.dev/promote";
}
