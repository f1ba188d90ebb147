using Modelship.Api.Conditions;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>Pure: the status a ModelDeployment should have, given what a reconcile established.</summary>
public static class StatusBuilder
{
    public static ModelDeploymentStatus Build(MD deployment, StatusFacts facts)
    {
        var previous = deployment.Status;
        var generation = deployment.Metadata.Generation;
        var served = facts.Table is { } table && facts.ServedGeneration >= table.Generation;
        var serving = facts.Active is not null && facts.ChampionAvailable && served && !facts.Suspended;

        var (readyReason, readyMessage) = facts.Suspended ? (ConditionReasons.SuspendedBySpec, "spec.suspend is true; nothing is served")
            : serving ? (ConditionReasons.Available, $"version {facts.Active!.Version} serves traffic")
            : !facts.ChampionAvailable ? (ConditionReasons.Deploying, "waiting for the champion's model servers to become Available")
            : (ConditionReasons.WaitingForRouters, "waiting for every ready router to serve the latest routing table");
        var (progressingStatus, progressingReason, progressingMessage) = facts.Rollout is { } rollout ? (ConditionStatus.True, rollout.Reason, rollout.Message)
            : facts.Suspended || serving ? (ConditionStatus.False, ConditionReasons.AsExpected, "nothing is changing")
            : (ConditionStatus.True, readyReason, readyMessage);
        var (degradedStatus, degradedReason, degradedMessage) = facts.Failure is { } failure ? (ConditionStatus.True, failure.Reason, failure.Message)
            : facts.RouterProblem is { } routerProblem ? (ConditionStatus.True, ConditionReasons.RouterClusterRoleMissing, routerProblem)
            : facts.AuthProblem is { } authProblem ? (ConditionStatus.True, ConditionReasons.AuthSecretMissing, authProblem)
            : (ConditionStatus.False, ConditionReasons.AsExpected, "no failure");

        var conditions = previous?.Conditions;
        conditions = ConditionList.Set(conditions, Condition(ConditionTypes.Ready, serving ? ConditionStatus.True : ConditionStatus.False, readyReason, readyMessage, generation, facts.Now));
        conditions = ConditionList.Set(conditions, Condition(ConditionTypes.Progressing, progressingStatus, progressingReason, progressingMessage, generation, facts.Now));
        conditions = ConditionList.Set(conditions, Condition(ConditionTypes.Degraded, degradedStatus, degradedReason, degradedMessage, generation, facts.Now));
        conditions = ConditionList.Set(conditions, facts.Suspended
            ? Condition(ConditionTypes.Suspended, ConditionStatus.True, ConditionReasons.SuspendedBySpec, "spec.suspend is true", generation, facts.Now)
            : Condition(ConditionTypes.Suspended, ConditionStatus.False, ConditionReasons.NotSuspended, "spec.suspend is false", generation, facts.Now));
        conditions = SetOrRemove(conditions, ConditionTypes.Drifting, facts.Monitoring?.Drifting, generation);
        conditions = SetOrRemove(conditions, ConditionTypes.AccuracyDegraded, facts.Monitoring?.AccuracyDegraded, generation);

        return new ModelDeploymentStatus
        {
            ObservedGeneration = generation,
            Phase = facts.Suspended ? ModelDeploymentPhase.Stopped
                : facts.Plan.Pending is not null || !serving ? ModelDeploymentPhase.Deploying
                : ModelDeploymentPhase.Active,
            Conditions = conditions,
            ActiveModel = facts.Active,
            PendingModel = facts.Plan.Pending is { } pending ? new ModelVersionStatus { Version = pending.Version, Uri = pending.Uri, Since = facts.Plan.PendingSince } : null,
            ReplacementValidation = facts.ReplacementValidation,
            History = facts.History.Count == 0 ? null : facts.History,
            Traffic = facts.Table is { } t ? Traffic(t) : null,
            // Before any version serves, the spec's model is the one on its way.
            ModelSummary = ModelSummary.Format(facts.Active?.Version, facts.Plan.Pending?.Version ?? (facts.Active is null ? facts.Plan.Active.Version : null)),
            TrafficSummary = TrafficSummary.Format(facts.ReadyChallengers, facts.DeclaredChallengers),
            Endpoint = facts.Endpoint,
            RoutingGeneration = facts.Table?.Generation ?? previous?.RoutingGeneration,
            ServedGeneration = facts.ServedGeneration,
            ServedSince = facts.ServedSince,
            ServiceStats = facts.Monitoring?.ServiceStats,
            Drift = facts.Monitoring?.Drift,
            Accuracy = facts.Monitoring?.Accuracy,
            // Written by the notifications' bookkeeping: carried over.
            Notifications = previous?.Notifications,
            CanaryWindow = facts.CanaryWindow,
        };
    }

    /// <summary>A monitoring condition set (keeping its transition time while its status holds), or removed when its spec part is not set.</summary>
    private static IReadOnlyList<Condition> SetOrRemove(IReadOnlyList<Condition> conditions, string type, Condition? condition, long? generation) =>
        condition is null
            ? [.. conditions.Where(c => c.Type != type)]
            : ConditionList.Set(conditions, condition with { ObservedGeneration = generation });

    /// <summary>The status of a spec the validator rejected: Ready=False InvalidSpec naming the fields; nothing else changes.</summary>
    /// <param name="reason">InvalidSpec, or a <see cref="Api.Runtimes.RuntimeReasons"/> reason when no runtime can serve a version.</param>
    public static ModelDeploymentStatus Invalid(MD deployment, string message, DateTimeOffset now, string reason = ConditionReasons.InvalidSpec)
    {
        var previous = deployment.Status ?? new ModelDeploymentStatus();
        var generation = deployment.Metadata.Generation;
        var conditions = ConditionList.Set(previous.Conditions, Condition(ConditionTypes.Ready, ConditionStatus.False, reason, message, generation, now));
        conditions = ConditionList.Set(conditions, Condition(ConditionTypes.Progressing, ConditionStatus.False, reason, "the spec must be fixed first", generation, now));
        return previous with { ObservedGeneration = generation, Phase = ModelDeploymentPhase.Failed, Conditions = conditions };
    }

    /// <summary>Effective traffic: the champion takes what challengers leave.</summary>
    public static IReadOnlyList<TrafficBackendStatus> Traffic(RoutingTable table)
    {
        var challengerShare = table.Backends.Where(b => b.Role == BackendRole.Challenger).Sum(b => b.Weight);
        return table.Backends.Select(b => new TrafficBackendStatus
        {
            Name = b.Name,
            Version = b.Version,
            Role = b.Role switch
            {
                BackendRole.Champion => TrafficRole.Champion,
                BackendRole.Shadow => TrafficRole.Shadow,
                _ when b.Name == RoutedBackends.CanaryName => TrafficRole.Canary,
                _ => TrafficRole.Challenger,
            },
            Weight = b.Role switch
            {
                BackendRole.Champion => Math.Max(0, 100 - challengerShare),
                BackendRole.Shadow => 0,
                _ => b.Weight,
            },
        }).ToList();
    }

    private static Condition Condition(string type, ConditionStatus status, string reason, string message, long? generation, DateTimeOffset now) => new()
    {
        Type = type,
        Status = status,
        Reason = reason,
        Message = message,
        ObservedGeneration = generation,
        LastTransitionTime = now,
    };
}
