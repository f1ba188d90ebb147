using Modelship.Api.V1Alpha1;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.RefreshSchedule.Trial;

/// <summary>Where a trial stands and what the reconciler does about it.</summary>
public enum TrialStep
{
    /// <summary>The target is gone, or its champion changed under the trial: the trial ends.</summary>
    Abandon,

    /// <summary>The candidate is not (or not yet) in the target's spec where its phase puts it: patch it in.</summary>
    PutOnTrial,

    /// <summary>In the spec, not yet served by every router: look again shortly.</summary>
    WaitForServing,

    /// <summary>Not served within the target's progress deadline: the candidate is rejected.</summary>
    NotServed,

    /// <summary>Served now for the first time in this phase: record the baselines; the window starts.</summary>
    StartWindow,

    /// <summary>The window is running: look again when it ends.</summary>
    Observe,

    /// <summary>The window is over: judge the phase.</summary>
    Judge,
}

/// <param name="Step">What to do.</param>
/// <param name="Wait">For WaitForServing and Observe: when to look again.</param>
/// <param name="Message">For Abandon and NotServed: why, for people.</param>
public sealed record TrialAssessment(TrialStep Step, TimeSpan? Wait = null, string? Message = null);

/// <summary>
/// Pure: the step a trial is at, from the trial recorded in status, the target as cached and the time. The window of
/// a phase counts from when every router of the target serves a routing table with the candidate in it.
/// </summary>
public static class TrialProgress
{
    /// <summary>How often a candidate not yet served is looked at (status changes of the target do not wake us).</summary>
    public static readonly TimeSpan ServingPoll = TimeSpan.FromSeconds(5);

    /// <param name="trial">status.trial.</param>
    /// <param name="target">The target ModelDeployment; null when it does not exist.</param>
    /// <param name="now">The current time.</param>
    /// <param name="window">spec.promotion.window.</param>
    /// <param name="servingDeadline">How long the candidate may take to be served: the target's progress deadline.</param>
    public static TrialAssessment Assess(RefreshTrial trial, MD? target, DateTimeOffset now, TimeSpan window, TimeSpan servingDeadline)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (target is null)
        {
            return new(TrialStep.Abandon, Message: $"the target no longer exists; the trial of version {trial.Version} ends");
        }
        if (target.Spec.Model.Version != trial.ChampionVersion)
        {
            return new(TrialStep.Abandon, Message: $"the target's champion changed from {trial.ChampionVersion} to {target.Spec.Model.Version} during the trial of version {trial.Version}; the candidate is withdrawn");
        }
        if (!TrialPatch.HoldsCandidateFor(target, trial))
        {
            return new(TrialStep.PutOnTrial);
        }
        if (trial.ServedAt is not { } servedAt)
        {
            if (Served(target, trial))
            {
                return new(TrialStep.StartWindow);
            }
            return now - trial.PhaseStartedAt > servingDeadline
                ? new(TrialStep.NotServed, Message: $"version {trial.Version} was not served as a {PhaseName(trial.Phase)} within {servingDeadline.TotalSeconds:0} s (the target's progressDeadlineSeconds); the champion {trial.ChampionVersion} stays")
                : new(TrialStep.WaitForServing, ServingPoll);
        }
        var end = servedAt + window;
        return now < end ? new(TrialStep.Observe, end - now) : new(TrialStep.Judge);
    }

    /// <summary>
    /// The target reports the candidate in its effective traffic, in the role of the trial's phase, for the spec as it
    /// is now, and every ready router serves the newest routing table.
    /// </summary>
    public static bool Served(MD target, RefreshTrial trial)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(trial);
        var role = trial.Phase == RefreshTrialPhase.Shadow ? TrafficRole.Shadow : TrafficRole.Challenger;
        return target.Status is { } status
            && status.ObservedGeneration >= target.Metadata.Generation
            && (status.Traffic ?? []).Any(b => b.Name == TrialPatch.Name && b.Version == trial.Version && b.Role == role)
            && status.RoutingGeneration is { } routing
            && status.ServedGeneration >= routing;
    }

    public static string PhaseName(RefreshTrialPhase phase) => phase == RefreshTrialPhase.Shadow ? "shadow" : "canary";
}
