using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Modelship.Api.Conditions;
using Modelship.Api.Defaults;
using Modelship.Api.Routing;
using Modelship.Api.Serialization;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Events;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.ModelDeployment.Metrics;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>
/// Makes a ModelDeployment's runtimes, router, endpoint and routing table match its spec, replaces champions without
/// downtime (<see cref="RolloutStateMachine"/>) and reports status. Reads only the informer caches; writes only what
/// differs (see <see cref="ChildWriter"/>), status only when it changed.
/// </summary>
public sealed class ModelDeploymentReconciler(
    ModelDeploymentResources resources,
    IEventRecorder events,
    ModelDeploymentBuildOptions options,
    IModelMetadataSource metadata,
    IRolloutAnalysis? analysis,
    TimeProvider time,
    ILogger<ModelDeploymentReconciler> logger) : IReconciler, IDisposable
{
    /// <summary>How long routers serve a table without the old version before its Deployment is deleted.</summary>
    public TimeSpan DrainDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Reports a missing router ClusterRole on the ModelDeployment; null: not checked.</summary>
    public RouterClusterRoleCheck? RouterRole { get; init; }

    /// <summary>Where ended rollouts are counted (<c>modelship_rollouts_total</c>).</summary>
    public RolloutCounts Rollouts { get; init; } = new();

    /// <summary>The per-ModelDeployment series, owned (and disposed) with this reconciler.</summary>
    public ModelDeploymentMetrics? Metrics { get; init; }

    private static readonly JsonSerializerOptions Serializer = ModelshipApiJsonContext.KubernetesClientOptions;

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var deployment = resources.ModelDeployments.Get(key);
        if (deployment is null || deployment.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }
        var now = time.GetUtcNow();
        var errors = ModelDeploymentValidator.Validate(deployment.Spec);
        if (errors.Count > 0)
        {
            await InvalidAsync(key, deployment, string.Join("; ", errors.Select(e => e.Message)), now, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var spec = deployment.Spec;
        var suspended = EffectiveSettings.Suspend(spec);
        var plan = VersionPlan.From(spec, deployment.Status, now);
        var history = deployment.Status?.History ?? [];
        var validation = deployment.Status?.ReplacementValidation;
        (string, string)? rolloutState = null;
        (string Version, string Result)? rolloutEnd = null;
        (string, string)? failure = plan.FailedAttempt is { } failed ? (FailureReason(deployment.Status), failed.Message ?? "the replacement failed") : null;

        var rebuilt = await ApplyWorkloadsAsync(deployment, plan, suspended, cancellationToken).ConfigureAwait(false);
        var currentTable = RoutingConfigMapBuilder.TableOf(resources.ConfigMaps.Get(deployment.Metadata.Namespace, ChildNames.RoutingTable(deployment.Metadata.Name!)));
        await ScaleKeptRuntimesAsync(deployment, plan, currentTable, rebuilt, suspended, cancellationToken).ConfigureAwait(false);

        var replicas = suspended ? 0 : EffectiveSettings.Replicas(spec);
        bool Available(string version) => DeploymentAvailability.IsAvailable(
            resources.Deployments.Get(deployment.Metadata.Namespace, ChildNames.Runtime(deployment.Metadata.Name!, version)), replicas);
        var served = ServedGeneration.Lowest(RouterPods(deployment));
        // From status, not memory: a pause or drain under way ends when it would have without a restart in between.
        var servedSince = ServedGeneration.Since(deployment.Status, currentTable, served, now);

        int? pendingWeight = null;
        TimeSpan? requeue = null;
        var active = currentTable?.Champion is { } routedChampion && routedChampion.Version == plan.Active.Version
            ? deployment.Status?.ActiveModel ?? plan.Active with { Since = now }
            : deployment.Status?.ActiveModel;
        if (plan.Pending is { } pending && !suspended)
        {
            var request = RolloutRequests.For(deployment.Metadata.Annotations, pending.Version);
            var decision = await DecideAsync(deployment, plan, pending, currentTable, served, servedSince, validation, Available, request, now, cancellationToken).ConfigureAwait(false);
            validation = decision.Validation;
            var step = decision.Decision;
            rolloutEnd = RolloutResults.Of(step) is { } result ? (pending.Version, result) : null;
            ModelDeploymentLog.Rollout(logger, key.ToString(), step.Action.ToString(), step.Reason, step.Message);
            requeue = step.RequeueAfter;
            pendingWeight = RoutedBackends.WeightOf(currentTable, pending.Version);
            var firstRoute = step.Action == RolloutAction.Route && pendingWeight is null;
            switch (step.Action)
            {
                case RolloutAction.Route:
                    pendingWeight = step.Weight;
                    rolloutState = (step.Reason, step.Message);
                    requeue = RolloutStateMachine.PollInterval;
                    break;
                case RolloutAction.Complete:
                    active = new ModelVersionStatus { Version = pending.Version, Uri = pending.Uri, Since = now };
                    history = ModelHistory.Record(ModelHistory.RetireActive(history, now), new ModelHistoryEntry
                    {
                        Version = pending.Version,
                        Uri = pending.Uri,
                        ActivatedAt = now,
                        Reason = EffectiveSettings.ReplacementReason(spec),
                        Outcome = HistoryOutcome.Active,
                    });
                    plan = plan with { Active = active, ActiveSpec = pending, Pending = null, PendingSince = null };
                    pendingWeight = null;
                    await events.RecordAsync(deployment, EventType.Normal, ConditionReasons.RolloutComplete, $"version {pending.Version} replaced {deployment.Status?.ActiveModel?.Version}", cancellationToken).ConfigureAwait(false);
                    break;
                case RolloutAction.Fail:
                    history = ModelHistory.Record(history, new ModelHistoryEntry
                    {
                        Version = pending.Version,
                        Uri = pending.Uri,
                        ActivatedAt = null,
                        RetiredAt = now,
                        Reason = EffectiveSettings.ReplacementReason(spec),
                        Outcome = pendingWeight is null ? HistoryOutcome.Failed : HistoryOutcome.RolledBack,
                        Message = $"{step.Reason}: {step.Message}",
                    });
                    // A rolled-back attempt is remembered as failed too, so the same spec is not retried in a loop.
                    if (pendingWeight is not null)
                    {
                        history = [history[0] with { Outcome = HistoryOutcome.Failed }, .. history.Skip(1)];
                    }
                    // As the next reconciles will report it (from the history entry), so the message does not flip.
                    failure = (step.Reason, history[0].Message!);
                    plan = plan with { Pending = null, PendingSince = null, FailedAttempt = history[0] };
                    pendingWeight = null;
                    await events.RecordAsync(deployment, EventType.Warning, step.Reason, $"replacement by version {pending.Version} failed, traffic stays on {plan.Active.Version}: {step.Message}", cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    rolloutState = (step.Reason, step.Message);
                    break;
            }
            if (firstRoute)
            {
                await events.RecordAsync(deployment, EventType.Normal, ConditionReasons.RolloutInProgress, step.Weight == MirrorPhaseAnalysis.Weight ? $"mirroring traffic to version {pending.Version}" : $"routing traffic to version {pending.Version}", cancellationToken).ConfigureAwait(false);
            }
            if (step.Reason == RolloutStateMachine.Promoted)
            {
                await events.RecordAsync(deployment, EventType.Normal, RolloutStateMachine.Promoted, $"version {pending.Version} {step.Message}", cancellationToken).ConfigureAwait(false);
            }
        }

        var inTable = currentTable?.Backends.Select(b => b.Version).ToHashSet(StringComparer.Ordinal) ?? [];
        var backends = RoutedBackends.Select(spec, plan, v => Available(v) || inTable.Contains(v), pendingWeight);
        var table = await WriteRoutingTableAsync(deployment, backends, currentTable, cancellationToken).ConfigureAwait(false);
        if (table is not null && active is null && table.Champion?.Version == plan.Active.Version)
        {
            active = plan.Active with { Since = now };
            history = ModelHistory.Record(history, new ModelHistoryEntry { Version = plan.Active.Version, Uri = plan.Active.Uri, ActivatedAt = now, Outcome = HistoryOutcome.Active });
        }
        await DeleteUnusedRuntimesAsync(deployment, plan, table, served, cancellationToken).ConfigureAwait(false);

        var challengers = spec.Traffic?.Challengers ?? [];
        var facts = new StatusFacts
        {
            Now = now,
            Suspended = suspended,
            Plan = plan,
            Active = active,
            History = history,
            ReplacementValidation = plan.Pending is null && plan.FailedAttempt is null ? null : validation,
            Table = table,
            ServedGeneration = served,
            ServedSince = ServedGeneration.Since(deployment.Status, table, served, now),
            ChampionAvailable = Available(plan.Active.Version),
            ReadyChallengers = challengers.Count(c => table?.Backends.Any(b => b.Name == c.Name) == true && Available(c.Model.Version)),
            DeclaredChallengers = challengers.Count,
            Endpoint = EndpointServiceBuilder.Url(deployment, options),
            Rollout = rolloutState,
            Failure = failure,
            RouterProblem = RouterRole is null ? null : await RouterRole.ProblemAsync(cancellationToken).ConfigureAwait(false),
        };
        var status = StatusBuilder.Build(deployment, facts);
        var written = await WriteStatusAsync(deployment, status, cancellationToken).ConfigureAwait(false);
        // Counted once status holds the outcome: a failed write retries the reconcile, which decides the same again.
        if (rolloutEnd is { } end)
        {
            Rollouts.Ended(key, deployment.Metadata.Generation, end.Version, end.Result);
        }
        await RecordSuspendTransitionAsync(deployment, suspended, cancellationToken).ConfigureAwait(false);
        await RemoveSettledRequestsAsync(written ?? deployment, plan.Pending?.Version, cancellationToken).ConfigureAwait(false);
        if (facts.RouterProblem is { } routerProblem)
        {
            if (written is not null && ConditionList.Find(deployment.Status?.Conditions, ConditionTypes.Degraded)?.Reason != ConditionReasons.RouterClusterRoleMissing
                && ConditionList.Find(written.Status?.Conditions, ConditionTypes.Degraded)?.Reason == ConditionReasons.RouterClusterRoleMissing)
            {
                await events.RecordAsync(deployment, EventType.Warning, ConditionReasons.RouterClusterRoleMissing, routerProblem, cancellationToken).ConfigureAwait(false);
            }
            // Nothing watches ClusterRoles: look again for it.
            requeue = requeue is { } soon && soon < RouterClusterRoleCheck.RecheckAfter ? soon : RouterClusterRoleCheck.RecheckAfter;
        }

        if (requeue is { } delay)
        {
            return ReconcileResult.RequeueAfter(delay);
        }
        // Waiting for routers is reported by their Pod watch; a missing champion by the Deployment watch.
        return ReconcileResult.Done;
    }

    private async Task<(RolloutDecision Decision, ReplacementValidationStatus? Validation)> DecideAsync(
        MD deployment, VersionPlan plan, ModelSpec pending, RoutingTable? table, long? served, DateTimeOffset? servedSince,
        ReplacementValidationStatus? validation, Func<string, bool> available, RolloutRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var spec = deployment.Spec;
        var rollout = EffectiveSettings.Rollout(spec);
        var routedWeight = RoutedBackends.WeightOf(table, pending.Version);
        var current = validation?.Version == pending.Version ? validation : null;
        AnalysisVerdict? verdict = null;
        var routersServe = table is not null && served >= table.Generation;
        // A promotion skips the analysis, and an abort does not wait for it.
        if (routedWeight is >= 0 and < 100 && routersServe && rollout.Analysis is { } thresholds && request == RolloutRequest.None)
        {
            var target = CanaryAnalysisTarget.For(deployment, pending.Version, routedWeight.Value, ReadyRouterPods(deployment), options);
            verdict = analysis is null
                ? AnalysisVerdict.Failing("spec.rollout.analysis is set but the operator has no metrics source for it")
                : await analysis.EvaluateAsync(deployment, target, thresholds, cancellationToken).ConfigureAwait(false);
        }
        var canarySteps = rollout.Steps.Select(s => s.Weight).ToList();
        var canaryPauses = rollout.Steps.Select(s => DurationParser.TryParse(s.Pause, out var pause) ? pause : TimeSpan.Zero).ToList();
        RolloutObservation Observe(ReplacementValidationStatus? v) => new()
        {
            Now = now,
            StartedAt = plan.PendingSince ?? now,
            ProgressDeadline = rollout.ProgressDeadline,
            NewVersionAvailable = available(pending.Version),
            Validation = v?.Status,
            StepWeights = MirrorPhaseAnalysis.StepWeights(canarySteps, rollout.Analysis),
            StepPauses = MirrorPhaseAnalysis.StepPauses(canaryPauses, rollout.Analysis),
            RoutedWeight = routedWeight,
            RoutersServeCurrentTable = routersServe,
            WeightServedSince = routersServe ? servedSince : null,
            Analysis = verdict,
            DrainDelay = DrainDelay,
            Request = request,
        };

        var decision = RolloutStateMachine.Next(Observe(current));
        if (decision.Action == RolloutAction.Validate)
        {
            current = await ValidateAsync(deployment, plan, pending, cancellationToken).ConfigureAwait(false);
            decision = RolloutStateMachine.Next(Observe(current));
        }
        return (decision, current);
    }

    private async Task<ReplacementValidationStatus> ValidateAsync(MD deployment, VersionPlan plan, ModelSpec pending, CancellationToken cancellationToken)
    {
        var modelName = EffectiveSettings.RuntimeModelName(deployment.Spec, deployment.Metadata.Name!);
        var required = EffectiveSettings.RequireSignatureMatch(deployment.Spec);
        var old = await metadata.GetSignatureAsync(RuntimeServiceBuilder.Url(deployment, plan.Active.Version), modelName, cancellationToken).ConfigureAwait(false);
        var replacement = await metadata.GetSignatureAsync(RuntimeServiceBuilder.Url(deployment, pending.Version), modelName, cancellationToken).ConfigureAwait(false);
        var check = SignatureCheck.Compare(old, replacement, required);
        return new ReplacementValidationStatus
        {
            Version = pending.Version,
            Status = SignatureCheck.Overall([check]),
            Checks = new Dictionary<string, ReplacementCheck>(StringComparer.Ordinal) { [SignatureCheck.Name] = check },
        };
    }

    /// <returns>The versions whose runtime Deployment was built from the spec.</returns>
    private async Task<HashSet<string>> ApplyWorkloadsAsync(MD deployment, VersionPlan plan, bool suspended, CancellationToken cancellationToken)
    {
        var rebuilt = new HashSet<string>(StringComparer.Ordinal);
        var backends = ModelBackend.FromSpec(deployment.Spec).ToList();
        if (plan.ActiveSpec is null)
        {
            // The spec has moved past the active champion: keep serving it as it is, without rebuilding it.
            backends.RemoveAt(0);
        }
        foreach (var backend in backends.Where(b => b.Role != Api.Routing.BackendRole.Champion || plan.Pending is null))
        {
            await ApplyRuntimeAsync(deployment, backend, suspended, cancellationToken).ConfigureAwait(false);
            rebuilt.Add(backend.Model.Version);
        }
        if (plan.Pending is { } pending)
        {
            await ApplyRuntimeAsync(deployment, new ModelBackend(ModelDeploymentDefaults.ChampionName, Api.Routing.BackendRole.Champion, pending, 0), suspended, cancellationToken).ConfigureAwait(false);
            rebuilt.Add(pending.Version);
        }
        // The router's identity first, so its pods start with the permissions they need.
        await ApplyAsync(resources.ServiceAccountClient, resources.ServiceAccounts, RouterIdentityBuilder.ServiceAccount(deployment), deployment, cancellationToken).ConfigureAwait(false);
        await ApplyAsync(resources.RoleBindingClient, resources.RoleBindings, RouterIdentityBuilder.RoleBinding(deployment, options), deployment, cancellationToken).ConfigureAwait(false);
        await ApplyAsync(resources.DeploymentClient, resources.Deployments, RouterDeploymentBuilder.Build(deployment, options, suspended), deployment, cancellationToken).ConfigureAwait(false);
        await ApplyAsync(resources.ServiceClient, resources.Services, EndpointServiceBuilder.Build(deployment, options), deployment, cancellationToken).ConfigureAwait(false);
        return rebuilt;
    }

    /// <summary>
    /// Scales the runtime Deployments that are not rebuilt from the spec (<see cref="KeptRuntimeReplicas"/>) with a
    /// merge patch of spec.replicas, only when it differs. The patch also drops the applied hash, so should the spec
    /// name that version again, the next apply is sent rather than skipped as unchanged.
    /// </summary>
    private async Task ScaleKeptRuntimesAsync(MD deployment, VersionPlan plan, RoutingTable? table, HashSet<string> rebuilt, bool suspended, CancellationToken cancellationToken)
    {
        var specReplicas = EffectiveSettings.Replicas(deployment.Spec);
        foreach (var runtime in resources.Deployments.ListByOwnerUid(deployment.Metadata.Uid!))
        {
            if (runtime.Metadata.Labels?.GetValueOrDefault(ChildMetadata.ComponentLabel) != ChildMetadata.RuntimeComponent
                || runtime.Metadata.Labels.GetValueOrDefault(ChildMetadata.VersionLabel) is not { } version
                || rebuilt.Contains(version)
                || KeptRuntimeReplicas.Desired(version, suspended, plan, table, specReplicas) is not { } desired
                || runtime.Spec?.Replicas == desired)
            {
                continue;
            }
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [ChildMetadata.AppliedHashAnnotation] = null } },
                ["spec"] = new JsonObject { ["replicas"] = desired },
            };
            await resources.DeploymentClient.MergePatchAsync(runtime.Metadata.Namespace, runtime.Metadata.Name!, patch, cancellationToken).ConfigureAwait(false);
            ModelDeploymentLog.Scaled(logger, runtime.Metadata.Name!, desired, $"{deployment.Metadata.Namespace}/{deployment.Metadata.Name}");
        }
    }

    private async Task ApplyRuntimeAsync(MD deployment, ModelBackend backend, bool suspended, CancellationToken cancellationToken)
    {
        await ApplyAsync(resources.DeploymentClient, resources.Deployments, RuntimeDeploymentBuilder.Build(deployment, backend, options, suspended), deployment, cancellationToken).ConfigureAwait(false);
        await ApplyAsync(resources.ServiceClient, resources.Services, RuntimeServiceBuilder.Build(deployment, backend.Model.Version), deployment, cancellationToken).ConfigureAwait(false);
    }

    private async Task ApplyAsync<T>(Kubernetes.Client.ResourceClient<T> client, Kubernetes.Informers.ObjectCache<T> cache, T desired, MD owner, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        if (await ChildWriter.ApplyAsync(client, cache, desired, Serializer, cancellationToken).ConfigureAwait(false))
        {
            ModelDeploymentLog.Applied(logger, desired.Kind, desired.Metadata.Name!, $"{owner.Metadata.Namespace}/{owner.Metadata.Name}");
        }
    }

    /// <summary>Writes the table when its content changed, with the next generation; returns the table now in force.</summary>
    private async Task<RoutingTable?> WriteRoutingTableAsync(MD deployment, IReadOnlyList<ModelBackend> backends, RoutingTable? current, CancellationToken cancellationToken)
    {
        if (backends.Count == 0)
        {
            return current;
        }
        var spec = deployment.Spec;
        var modelName = EffectiveSettings.RuntimeModelName(spec, deployment.Metadata.Name!);
        var desired = RoutingTableBuilder.Build(modelName, 0, backends, spec.Traffic, spec.Monitoring, b => RuntimeServiceBuilder.Url(deployment, b.Model.Version));
        if (current is not null && SameContent(current, desired))
        {
            await ApplyAsync(resources.ConfigMapClient, resources.ConfigMaps, RoutingConfigMapBuilder.Build(deployment, current), deployment, cancellationToken).ConfigureAwait(false);
            return current;
        }
        var generation = Math.Max(current?.Generation ?? 0, deployment.Status?.RoutingGeneration ?? 0) + 1;
        var table = desired with { Generation = generation };
        await ApplyAsync(resources.ConfigMapClient, resources.ConfigMaps, RoutingConfigMapBuilder.Build(deployment, table), deployment, cancellationToken).ConfigureAwait(false);
        return table;
    }

    private static bool SameContent(RoutingTable a, RoutingTable b) =>
        JsonSerializer.Serialize(a with { Generation = 0 }, RoutingTableJsonContext.Default.RoutingTable)
        == JsonSerializer.Serialize(b with { Generation = 0 }, RoutingTableJsonContext.Default.RoutingTable);

    /// <summary>
    /// Deletes runtime Deployments and Services of versions no longer in use, once every ready router serves a table
    /// that does not name them.
    /// </summary>
    private async Task DeleteUnusedRuntimesAsync(MD deployment, VersionPlan plan, RoutingTable? table, long? served, CancellationToken cancellationToken)
    {
        if (table is null || served is not { } generation || generation < table.Generation)
        {
            return;
        }
        var inUse = ModelBackend.FromSpec(deployment.Spec).Select(b => b.Model.Version).ToHashSet(StringComparer.Ordinal);
        inUse.Add(plan.Active.Version);
        if (plan.Pending is { } pending)
        {
            inUse.Add(pending.Version);
        }
        if (plan.ActiveSpec is null && plan.Pending is null)
        {
            // The spec asks for a version that failed: it is not in use.
            inUse.Remove(deployment.Spec.Model.Version);
            inUse.Add(plan.Active.Version);
        }
        inUse.UnionWith(table.Backends.Select(b => b.Version));
        var uid = deployment.Metadata.Uid!;
        var key = $"{deployment.Metadata.Namespace}/{deployment.Metadata.Name}";
        foreach (var runtime in resources.Deployments.ListByOwnerUid(uid).Where(d => IsUnusedRuntime(d.Metadata, inUse)))
        {
            ModelDeploymentLog.Deleted(logger, "Deployment", runtime.Metadata.Name!, key, runtime.Metadata.Labels![ChildMetadata.VersionLabel]);
            await ChildWriter.DeleteAsync(resources.DeploymentClient, runtime, cancellationToken).ConfigureAwait(false);
        }
        foreach (var service in resources.Services.ListByOwnerUid(uid).Where(s => IsUnusedRuntime(s.Metadata, inUse)))
        {
            ModelDeploymentLog.Deleted(logger, "Service", service.Metadata.Name!, key, service.Metadata.Labels![ChildMetadata.VersionLabel]);
            await ChildWriter.DeleteAsync(resources.ServiceClient, service, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsUnusedRuntime(ObjectMeta metadata, HashSet<string> inUse) =>
        metadata.Labels?.GetValueOrDefault(ChildMetadata.ComponentLabel) == ChildMetadata.RuntimeComponent
        && metadata.Labels.GetValueOrDefault(ChildMetadata.VersionLabel) is { } version
        && !inUse.Contains(version);

    private IEnumerable<Pod> ReadyRouterPods(MD deployment) => RouterPods(deployment).Where(ServedGeneration.IsReady);

    private IEnumerable<Pod> RouterPods(MD deployment) =>
        resources.Pods.ListByLabel(ChildMetadata.InstanceLabel, ChildNames.InstanceLabel(deployment.Metadata.Name!))
            .Where(p => p.Metadata.Namespace == deployment.Metadata.Namespace
                && p.Metadata.Labels?.GetValueOrDefault(ChildMetadata.ComponentLabel) == ChildMetadata.RouterComponent
                && p.Metadata.Annotations?.GetValueOrDefault(ChildMetadata.ModelDeploymentAnnotation) == deployment.Metadata.Name);

    private static string FailureReason(ModelDeploymentStatus? status) =>
        status?.Conditions is { } conditions && ConditionList.Find(conditions, ConditionTypes.Degraded) is { Status: ConditionStatus.True } degraded
            ? degraded.Reason
            : ConditionReasons.RolloutAborted;

    /// <summary>
    /// Removes the abort/promote annotations that name no pending version any more: handled by this or an earlier
    /// reconcile, or stale. Guarded by the resourceVersion this reconcile last saw, so a request set in between is
    /// kept for the next reconcile (which its own change triggers).
    /// </summary>
    private async Task RemoveSettledRequestsAsync(MD deployment, string? pendingVersion, CancellationToken cancellationToken)
    {
        var settled = RolloutRequests.Settled(deployment.Metadata.Annotations, pendingVersion);
        if (settled.Count == 0)
        {
            return;
        }
        var annotations = new JsonObject();
        foreach (var annotation in settled)
        {
            annotations[annotation] = null;
        }
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["resourceVersion"] = deployment.Metadata.ResourceVersion, ["annotations"] = annotations } };
        try
        {
            await resources.ModelDeploymentClient.MergePatchAsync(deployment.Metadata.Namespace, deployment.Metadata.Name!, patch, cancellationToken).ConfigureAwait(false);
            ModelDeploymentLog.RequestsRemoved(logger, $"{deployment.Metadata.Namespace}/{deployment.Metadata.Name}", string.Join(", ", settled));
        }
        catch (Kubernetes.Client.KubernetesApiException ex) when (ex.IsNotFound || ex.IsConflict)
        {
            // Gone, or changed since it was read: the change's own event brings the next reconcile.
        }
    }

    private async Task InvalidAsync(ObjectKey key, MD deployment, string message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = StatusBuilder.Invalid(deployment, message, now);
        if (await WriteStatusAsync(deployment, status, cancellationToken).ConfigureAwait(false) is not null)
        {
            ModelDeploymentLog.InvalidSpec(logger, key.ToString(), message);
            await events.RecordAsync(deployment, EventType.Warning, ConditionReasons.InvalidSpec, message, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RecordSuspendTransitionAsync(MD deployment, bool suspended, CancellationToken cancellationToken)
    {
        var was = ConditionList.IsTrue(deployment.Status?.Conditions, ConditionTypes.Suspended);
        if (was != suspended && (deployment.Status is not null || suspended))
        {
            await events.RecordAsync(deployment, EventType.Normal, suspended ? "Suspended" : "Resumed",
                suspended ? "spec.suspend is true: model servers and routers scaled to zero" : "spec.suspend is false: model servers and routers scaled back up", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Merge-patches status when it differs semantically; fields that disappeared are sent as null.</summary>
    /// <returns>The object as written, or null when nothing was written.</returns>
    private async Task<MD?> WriteStatusAsync(MD deployment, ModelDeploymentStatus status, CancellationToken cancellationToken)
    {
        var desired = (JsonObject)JsonSerializer.SerializeToNode(status, ModelshipApiJsonContext.Default.ModelDeploymentStatus)!;
        var previous = deployment.Status is { } old ? JsonSerializer.SerializeToNode(old, ModelshipApiJsonContext.Default.ModelDeploymentStatus) as JsonObject : null;
        if (previous is not null && JsonNode.DeepEquals(previous, desired))
        {
            return null;
        }
        foreach (var (name, _) in previous ?? [])
        {
            if (!desired.ContainsKey(name))
            {
                desired[name] = null;
            }
        }
        try
        {
            return await resources.ModelDeploymentClient.MergePatchStatusAsync(deployment.Metadata.Namespace, deployment.Metadata.Name!, new JsonObject { ["status"] = desired }, cancellationToken).ConfigureAwait(false);
        }
        catch (Kubernetes.Client.KubernetesApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    public void Dispose() => Metrics?.Dispose();
}
