using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>
/// The zero-downtime replacement of a champion as a pure function of what was observed:
/// new version Available → checks pass → traffic shifted (at once, or canary steps gated by analysis) → every router
/// serves the table → drain delay → old version deleted. Never routes to a version that is not Available; a missed
/// progress deadline, failed checks or failed analysis keep the traffic on the old version. A person may abort the
/// rollout until the new version takes all traffic, or promote it (skip the remaining steps, pauses and analysis);
/// neither skips the availability, the replacement checks, the routers' acknowledgement or the drain.
/// </summary>
public static class RolloutStateMachine
{
    /// <summary>How often to look again while waiting for something no watch reports (clocks, metrics).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    public const string Draining = "Draining";
    public const string ValidatingReason = "ValidatingReplacement";
    public const string ShiftingTraffic = "ShiftingTraffic";
    public const string AnalysisPending = "AnalysisPending";
    public const string MirroringTraffic = "MirroringTraffic";
    public const string Promoted = "RolloutPromoted";

    public static readonly string AbortedByUser = $"aborted by user (annotation {ModelDeploymentAnnotations.Abort})";
    public static readonly string PromotedByUser = $"promoted by user (annotation {ModelDeploymentAnnotations.Promote}): routing all traffic to the new version";

    public static RolloutDecision Next(RolloutObservation observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        // Too late once the new version takes all traffic: the old one is on its way out, and going back is a spec change.
        if (observed.Request == RolloutRequest.Abort && observed.RoutedWeight is not >= 100)
        {
            return new(RolloutAction.Fail, ConditionReasons.RolloutAborted, AbortedByUser);
        }
        return observed.RoutedWeight is { } weight ? WhileRouted(observed, weight) : BeforeRouting(observed);
    }

    private static RolloutDecision BeforeRouting(RolloutObservation o)
    {
        var deadline = o.StartedAt + o.ProgressDeadline;
        if (!o.NewVersionAvailable)
        {
            if (o.Validation == ValidationResult.Failing && !o.ValidationUnanswered)
            {
                // Its Pods failed to fetch or load the model (Checks.ReplacementChecks.FromFailedContainers): waiting longer changes nothing.
                return ValidationFailed(o);
            }
            if (o.Now >= deadline)
            {
                return new(RolloutAction.Fail, ConditionReasons.ProgressDeadlineExceeded,
                    $"the new version did not become Available within {o.ProgressDeadline.TotalSeconds:0}s (spec.rollout.progressDeadlineSeconds)");
            }
            return new(RolloutAction.Wait, ConditionReasons.Deploying, "waiting for the new version's Deployment to become Available",
                RequeueAfter: Min(deadline - o.Now, PollInterval));
        }
        return o.Validation switch
        {
            null => new(RolloutAction.Validate, ValidatingReason, "running the replacement checks"),
            ValidationResult.Failing when o.ValidationUnanswered && o.Now < deadline => new(RolloutAction.Wait, ValidatingReason,
                "the replacement checks could not read the models' metadata yet; asking again", RequeueAfter: Min(deadline - o.Now, PollInterval)),
            ValidationResult.Failing => ValidationFailed(o),
            _ when o.Request == RolloutRequest.Promote => Promote(),
            _ => Route(o.StepWeights.Count > 0 ? o.StepWeights[0] : 100),
        };
    }

    private static RolloutDecision ValidationFailed(RolloutObservation o) => new(RolloutAction.Fail, ConditionReasons.ReplacementValidationFailed,
        o.ValidationFailures is { } failures
            ? $"the new version failed the replacement checks: {failures}"
            : "the new version failed the replacement checks (see status.replacementValidation)");

    private static RolloutDecision WhileRouted(RolloutObservation o, int weight)
    {
        if (weight < 100 && o.Request == RolloutRequest.Promote)
        {
            return Promote();
        }
        if (!o.RoutersServeCurrentTable || o.WeightServedSince is not { } since)
        {
            return new(RolloutAction.Wait, ConditionReasons.WaitingForRouters, "waiting for every ready router to serve the new routing table");
        }
        if (weight >= 100)
        {
            var drained = since + o.DrainDelay;
            return o.Now >= drained
                ? new(RolloutAction.Complete, ConditionReasons.RolloutComplete, "the new version answers all traffic; the old version is retired")
                : new(RolloutAction.Wait, Draining, "draining the old version before it is deleted", RequeueAfter: drained - o.Now);
        }

        if (o.Analysis?.Outcome == AnalysisOutcome.Failing)
        {
            return new(RolloutAction.Fail, ConditionReasons.RolloutAborted, $"canary analysis failed {StepName(weight)}: {o.Analysis.Message}");
        }
        // The step's window: from when its weights were served (and, with analysis, its counters recorded) to the end of its pause.
        var pauseEnds = (o.AnalysisWindowStartedAt ?? since) + PauseOf(o.StepWeights, o.StepPauses, weight);
        if (o.Now < pauseEnds)
        {
            return new(RolloutAction.Wait, ShiftingTraffic, $"canary at {weight}%, pausing before the next step", RequeueAfter: Min(pauseEnds - o.Now, PollInterval));
        }
        if (o.Analysis?.Outcome == AnalysisOutcome.Inconclusive)
        {
            // Not enough traffic (or no metrics) in the window: it goes on until the progress deadline past the pause.
            var deadline = pauseEnds + o.ProgressDeadline;
            return o.Now >= deadline
                ? new(RolloutAction.Fail, ConditionReasons.ProgressDeadlineExceeded,
                    $"canary analysis {StepName(weight)} reached no verdict within {o.ProgressDeadline.TotalSeconds:0}s after the step's pause (spec.rollout.progressDeadlineSeconds): {o.Analysis.Message}")
                : new(RolloutAction.Wait, AnalysisPending, $"canary {StepName(weight)}: {o.Analysis.Message}; waiting at most until {deadline.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}",
                    RequeueAfter: Min(deadline - o.Now, PollInterval));
        }

        var next = o.StepWeights.FirstOrDefault(w => w > weight);
        return Route(next > 0 ? next : 100);
    }

    private static RolloutDecision Route(int weight) => weight switch
    {
        >= 100 => new(RolloutAction.Route, ConditionReasons.RolloutInProgress, "routing all traffic to the new version", 100),
        MirrorPhaseAnalysis.Weight => new(RolloutAction.Route, MirroringTraffic, "mirroring traffic to the new version: it runs as a shadow of the champion and its answers are compared", weight),
        _ => new(RolloutAction.Route, ShiftingTraffic, $"routing {weight}% of traffic to the new version", weight),
    };

    private static RolloutDecision Promote() => new(RolloutAction.Route, Promoted, PromotedByUser, 100);

    private static string StepName(int weight) => weight == MirrorPhaseAnalysis.Weight ? "in the mirror phase" : $"at {weight}%";

    /// <summary>The pause after the step of <paramref name="weight"/> (zero when it has none).</summary>
    public static TimeSpan PauseOf(IReadOnlyList<int> weights, IReadOnlyList<TimeSpan> pauses, int weight)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(pauses);
        var step = IndexOf(weights, weight);
        return step >= 0 && step < pauses.Count ? pauses[step] : TimeSpan.Zero;
    }

    private static int IndexOf(IReadOnlyList<int> weights, int weight)
    {
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i] == weight)
            {
                return i;
            }
        }
        return -1;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? (a > TimeSpan.Zero ? a : TimeSpan.FromMilliseconds(100)) : b;
}
