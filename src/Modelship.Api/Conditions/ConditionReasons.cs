namespace Modelship.Api.Conditions;

/// <summary>CamelCase reasons of ModelDeployment conditions.</summary>
public static class ConditionReasons
{
    /// <summary>Every backend and router is ready and serves the latest routing table.</summary>
    public const string Available = "Available";

    /// <summary>Model servers are being created or scaled.</summary>
    public const string Deploying = "Deploying";

    /// <summary>A new champion is taking traffic in canary steps or replacing the old one.</summary>
    public const string RolloutInProgress = "RolloutInProgress";

    /// <summary>The rollout finished; the new champion answers all its traffic.</summary>
    public const string RolloutComplete = "RolloutComplete";

    /// <summary>The canary crossed an analysis threshold and the previous champion was kept.</summary>
    public const string RolloutAborted = "RolloutAborted";

    /// <summary>The rollout made no progress within spec.rollout.progressDeadlineSeconds.</summary>
    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";

    /// <summary>Routers still serve an older routing table.</summary>
    public const string WaitingForRouters = "WaitingForRouters";

    /// <summary>Fewer model server replicas are ready than declared.</summary>
    public const string ReplicasUnavailable = "ReplicasUnavailable";

    /// <summary>The spec breaks a rule the schema cannot express (see the message).</summary>
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>Degraded: the ClusterRole routers are bound to does not exist.</summary>
    public const string RouterClusterRoleMissing = "RouterClusterRoleMissing";

    /// <summary>Degraded: a Secret spec.auth names does not exist, so router Pods cannot start.</summary>
    public const string AuthSecretMissing = "AuthSecretMissing";

    /// <summary>The model URI scheme is accepted by the schema but cannot be fetched.</summary>
    public const string UnsupportedModelSource = "UnsupportedModelSource";

    /// <summary>Downloading or verifying the model failed.</summary>
    public const string ModelFetchFailed = "ModelFetchFailed";

    /// <summary>The replacement model failed a replacement check.</summary>
    public const string ReplacementValidationFailed = "ReplacementValidationFailed";

    /// <summary>spec.suspend is true.</summary>
    public const string SuspendedBySpec = "SuspendedBySpec";

    /// <summary>spec.suspend is false (or absent).</summary>
    public const string NotSuspended = "NotSuspended";

    /// <summary>Nothing is wrong and nothing is changing.</summary>
    public const string AsExpected = "AsExpected";

    /// <summary>An unexpected error during reconciliation (see the message).</summary>
    public const string ReconcileError = "ReconcileError";
}
