using Modelship.Api.V1Alpha1;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>Judges a canary step against spec.rollout.analysis from live metrics (e.g. the routers' /metrics).</summary>
public interface IRolloutAnalysis
{
    /// <param name="canaryBackend">The canary's backend name in the routing table.</param>
    Task<AnalysisVerdict> EvaluateAsync(MD deployment, string canaryBackend, RolloutAnalysis analysis, CancellationToken cancellationToken);
}
