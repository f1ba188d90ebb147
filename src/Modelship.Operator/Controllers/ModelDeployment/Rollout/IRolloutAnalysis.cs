using Modelship.Api.V1Alpha1;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>Judges a rollout step against spec.rollout.analysis from live metrics (e.g. the routers' /metrics).</summary>
public interface IRolloutAnalysis
{
    /// <param name="target">The version under analysis, its phase (mirror or weighted) and where its routers publish metrics.</param>
    Task<AnalysisVerdict> EvaluateAsync(MD deployment, CanaryAnalysisTarget target, RolloutAnalysis analysis, CancellationToken cancellationToken);
}
