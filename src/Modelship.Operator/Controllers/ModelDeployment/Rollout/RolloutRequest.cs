using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>What a person asked of the rollout in progress (<see cref="ModelDeploymentAnnotations"/>).</summary>
public enum RolloutRequest
{
    None,

    /// <summary>Skip the remaining canary steps, pauses and analysis: route all traffic to the new version now.</summary>
    Promote,

    /// <summary>Stop the rollout and keep (or put back) all traffic on the champion.</summary>
    Abort,
}

/// <summary>
/// Pure: reads the request annotations against the pending version. An annotation counts only while its value
/// names the pending version, so a request left over from an earlier rollout cannot act on a later one; it is
/// removed once it names no pending version (it was handled, or it is stale).
/// </summary>
public static class RolloutRequests
{
    private static readonly string[] Annotations = [ModelDeploymentAnnotations.Abort, ModelDeploymentAnnotations.Promote];

    /// <summary>The request for <paramref name="pendingVersion"/>; abort wins over promote.</summary>
    public static RolloutRequest For(IReadOnlyDictionary<string, string>? annotations, string pendingVersion)
    {
        if (annotations?.GetValueOrDefault(ModelDeploymentAnnotations.Abort) == pendingVersion)
        {
            return RolloutRequest.Abort;
        }
        return annotations?.GetValueOrDefault(ModelDeploymentAnnotations.Promote) == pendingVersion ? RolloutRequest.Promote : RolloutRequest.None;
    }

    /// <summary>The request annotations to remove: those that do not name <paramref name="pendingVersion"/> (null: no rollout).</summary>
    public static IReadOnlyList<string> Settled(IReadOnlyDictionary<string, string>? annotations, string? pendingVersion) =>
        annotations is null ? [] : Annotations.Where(a => annotations.TryGetValue(a, out var version) && version != pendingVersion).ToList();
}
