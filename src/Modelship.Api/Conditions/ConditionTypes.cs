namespace Modelship.Api.Conditions;

/// <summary>The condition types a ModelDeployment reports.</summary>
public static class ConditionTypes
{
    /// <summary>True when the endpoint answers with the champion (and the declared challengers and shadows).</summary>
    public const string Ready = "Ready";

    /// <summary>True while a rollout or a change of model servers is under way.</summary>
    public const string Progressing = "Progressing";

    /// <summary>True when serving, but with fewer ready replicas, backends or routers than declared.</summary>
    public const string Degraded = "Degraded";

    /// <summary>True while spec.suspend stops the deployment.</summary>
    public const string Suspended = "Suspended";

    /// <summary>True while a version's inputs or predictions drift from the training reference above spec.monitoring.drift.threshold.</summary>
    public const string Drifting = "Drifting";

    /// <summary>True while a version's accuracy from actuals is worse than spec.monitoring.accuracy.threshold.</summary>
    public const string AccuracyDegraded = "AccuracyDegraded";

    /// <summary>Every type, in the order they are reported.</summary>
    public static IReadOnlyList<string> All { get; } = [Ready, Progressing, Degraded, Suspended];
}
