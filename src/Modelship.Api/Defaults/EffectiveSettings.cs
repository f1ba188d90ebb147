using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Defaults;

/// <summary>
/// The values a spec means once defaults are applied. Pure functions: the operator uses them and reports results in
/// status, and never writes defaults back into the spec (GitOps tools would show a diff).
/// </summary>
public static class EffectiveSettings
{
    public static int Replicas(ModelDeploymentSpec spec) => spec.Replicas ?? ModelDeploymentDefaults.Replicas;

    /// <summary>The fewest replicas a serving Deployment runs when not suspended: spec.autoscaling.minReplicas, else spec.replicas.</summary>
    public static int MinimumReplicas(ModelDeploymentSpec spec) => spec.Autoscaling is { } autoscaling ? autoscaling.MinReplicas ?? 1 : Replicas(spec);

    public static bool Suspend(ModelDeploymentSpec spec) => spec.Suspend ?? ModelDeploymentDefaults.Suspend;

    public static ModelFormat Format(ModelSpec model) => model.Format ?? ModelFormat.Onnx;

    /// <summary>Whether the built-in ONNX runtime serves the models (no custom image set).</summary>
    public static bool UsesBuiltInRuntime(ModelDeploymentSpec spec) => string.IsNullOrEmpty(spec.Runtime?.Image);

    public static int RuntimePort(ModelDeploymentSpec spec) => spec.Runtime?.Port ?? ModelDeploymentDefaults.RuntimePort;

    /// <summary>The model name the runtime serves: spec.runtime.modelName, else the ModelDeployment's name.</summary>
    public static string RuntimeModelName(ModelDeploymentSpec spec, string deploymentName) =>
        string.IsNullOrEmpty(spec.Runtime?.ModelName) ? deploymentName : spec.Runtime.ModelName;

    public static bool RequireSignatureMatch(ModelDeploymentSpec spec) =>
        spec.Replacement?.Validation?.RequireSignatureMatch ?? ModelDeploymentDefaults.RequireSignatureMatch;

    public static ReplacementReason ReplacementReason(ModelDeploymentSpec spec) => spec.Replacement?.Reason ?? V1Alpha1.ReplacementReason.Other;

    public static bool CollectPredictions(ModelDeploymentSpec spec) =>
        spec.Monitoring?.CollectPredictions ?? ModelDeploymentDefaults.CollectPredictions;

    public static double SampleRate(ModelDeploymentSpec spec) => spec.Monitoring?.SampleRate ?? ModelDeploymentDefaults.SampleRate;

    /// <summary>The champion's weight: what the challengers leave, never below 0.</summary>
    public static int ChampionWeight(ModelDeploymentSpec spec) =>
        Math.Max(0, 100 - (spec.Traffic?.Challengers ?? []).Sum(c => Math.Clamp(c.Weight, 0, 100)));

    public static EffectiveRollout Rollout(ModelDeploymentSpec spec)
    {
        var rollout = spec.Rollout;
        var strategy = rollout?.Strategy ?? RolloutStrategy.Replace;
        return new EffectiveRollout(
            strategy,
            strategy == RolloutStrategy.Canary ? rollout?.Steps ?? [] : [],
            rollout?.Analysis,
            TimeSpan.FromSeconds(rollout?.ProgressDeadlineSeconds ?? ModelDeploymentDefaults.ProgressDeadlineSeconds));
    }
}
