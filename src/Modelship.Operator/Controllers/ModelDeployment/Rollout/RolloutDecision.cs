namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

public enum RolloutAction
{
    /// <summary>Nothing to change; look again after <see cref="RolloutDecision.RequeueAfter"/>.</summary>
    Wait,

    /// <summary>Run the replacement checks against the new version.</summary>
    Validate,

    /// <summary>Write a routing table giving the new version <see cref="RolloutDecision.Weight"/> percent (100: champion).</summary>
    Route,

    /// <summary>The new version is the champion and the old one drained: make it active and delete the old one.</summary>
    Complete,

    /// <summary>Give up: traffic stays on (or returns to) the old version; <see cref="RolloutDecision.Reason"/> says why.</summary>
    Fail,
}

/// <param name="Reason">CamelCase, for conditions and Events.</param>
/// <param name="Message">For people.</param>
public sealed record RolloutDecision(RolloutAction Action, string Reason, string Message, int? Weight = null, TimeSpan? RequeueAfter = null);
