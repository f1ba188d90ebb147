using Modelship.Api.Conditions;

namespace Modelship.Operator.Controllers.ModelDeployment.Metrics;

/// <summary>The <c>result</c> label of <c>modelship_rollouts_total</c>.</summary>
public static class RolloutResults
{
    /// <summary>The new version became the champion.</summary>
    public const string Completed = "completed";

    /// <summary>The rollout was stopped: an analysis threshold was crossed, or a user asked to abort; the old champion kept the traffic.</summary>
    public const string Aborted = "aborted";

    /// <summary>The new version never took traffic: it did not become Available in time or failed a replacement check.</summary>
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Completed, Aborted, Failed];

    /// <summary>The result of a rollout that failed for <paramref name="reason"/> (the Degraded reason it is reported with).</summary>
    public static string OfFailure(string reason) => reason == ConditionReasons.RolloutAborted ? Aborted : Failed;
}
