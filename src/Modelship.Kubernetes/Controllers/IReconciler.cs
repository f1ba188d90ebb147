namespace Modelship.Kubernetes.Controllers;

/// <summary>
/// Level-based: read the current state for <paramref name="key"/> (from the cache or the API) and make the world
/// match it. Called by at most one worker at a time per key. An exception means retry with backoff; a
/// <see cref="TerminalReconcileException"/> means retrying cannot help.
/// </summary>
public interface IReconciler
{
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken);
}
