namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>The outcome of checking a canary against spec.rollout.analysis.</summary>
/// <param name="Message">For people: which threshold was crossed, or why no verdict could be reached.</param>
public sealed record AnalysisVerdict(AnalysisOutcome Outcome, string Message)
{
    public static AnalysisVerdict Passing(string message = "within thresholds") => new(AnalysisOutcome.Passing, message);

    public static AnalysisVerdict Failing(string message) => new(AnalysisOutcome.Failing, message);

    public static AnalysisVerdict Inconclusive(string message) => new(AnalysisOutcome.Inconclusive, message);
}

public enum AnalysisOutcome
{
    Passing,
    Failing,

    /// <summary>Not enough data yet: the step waits and is measured again.</summary>
    Inconclusive,
}
