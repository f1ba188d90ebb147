using Modelship.Api.V1Alpha1;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>
/// Judges a rollout step against spec.rollout.analysis from live metrics (e.g. the routers' /metrics), on the step's
/// own window: the numbers are read when the step's weights are first served (recorded in status.canaryWindow) and
/// again at the end of the step's pause, and the step is judged on the difference.
/// </summary>
public interface IRolloutAnalysis
{
    /// <summary>The numbers at the start of a step's window; null and why when they cannot be read (the window waits).</summary>
    /// <param name="target">The version under analysis, its champion, its phase and where its routers publish metrics.</param>
    Task<(CanaryReading? Reading, string? Failure)> ReadAsync(MD deployment, CanaryAnalysisTarget target, CancellationToken cancellationToken);

    /// <summary>The verdict at the end of a step's window that started with <paramref name="start"/>.</summary>
    /// <param name="window">How long the window lasted (for metric queries over it).</param>
    Task<AnalysisVerdict> JudgeAsync(MD deployment, CanaryAnalysisTarget target, RolloutAnalysis analysis, CanaryReading start, TimeSpan window, CancellationToken cancellationToken);
}
