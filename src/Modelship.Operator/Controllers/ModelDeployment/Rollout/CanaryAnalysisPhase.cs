namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>Which traffic the new version gets while it is analysed, and so which thresholds can be judged.</summary>
public enum CanaryAnalysisPhase
{
    /// <summary>
    /// Weight 0: the routing table names the new version as a shadow, every request is mirrored to it and its answers
    /// are compared with the champion's. Judges minShadowAgreement.
    /// </summary>
    Mirror,

    /// <summary>A canary step (1-99%): the new version answers part of the traffic. Judges maxErrorRate and maxLatencyP99.</summary>
    Weighted,
}
