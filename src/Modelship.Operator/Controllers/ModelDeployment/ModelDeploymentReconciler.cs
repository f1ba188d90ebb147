using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
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
using Modelship.Operator.Controllers.ModelDeployment.Rollout.Checks;
using Modelship.Operator.Notifications;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>
/// Makes a ModelDeployment's runtimes, router, endpoint and routing table match its spec, replaces champions without
/// downtime (<see cref="RolloutStateMachine"/>) and reports status. Reads only the informer caches; applies a child only
/// when it is missing, its desired object changed or someone else changed it (<see cref="ChildDrift"/>), and writes
/// status only when it changed, conditional on the resourceVersion it was computed from.
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

    /// <summary>Reports a missing Secret of spec.auth on the ModelDeployment; null: not checked.</summary>
    public AuthSecretCheck? AuthSecrets { get; init; }

    /// <summary>Where ended rollouts are counted (<c>modelship_rollouts_total</c>).</summary>
    public RolloutCounts Rollouts { get; init; } = new();

    /// <summary>Reads the routers' monitoring reports into status; null: status.serviceStats/drift/accuracy are not written.</summary>
    public Monitoring.MonitoringStatusReader? MonitoringStatus { get; init; }

    /// <summary>Where spec.notifications are queued for delivery; null: not delivered.</summary>
    public NotificationQueue? Notifications { get; init; }

    /// <summary>
    /// The runtime Pods (container statuses only, <see cref="ChildCaches.RuntimePods"/>): a new version whose fetch or
    /// model server fails fails the replacement checks before its deadline. Null: only the deadline ends such a rollout.
    /// </summary>
    public Kubernetes.Informers.ObjectCache<V1Pod>? RuntimePods { get; init; }

    /// <summary>Sends spec.replacement.validation.samplePrediction to runtimes; null: a configured sample fails the check.</summary>
    public IModelInferenceSource? Inference { get; init; }

    /// <summary>Where the HorizontalPodAutoscalers of spec.autoscaling are cached and written; null: spec.autoscaling makes none.</summary>
    public ChildStore<V2HorizontalPodAutoscaler>? Autoscalers { get; init; }

    /// <summary>The per-ModelDeployment series, owned (and disposed) with this reconciler.</summary>
    public ModelDeploymentMetrics? Metrics { get; init; }

    private static readonly JsonSerializerOptions Serializer = ModelshipApiJsonContext.KubernetesClientOptions;

    private readonly SupersededVersions _superseded = new();
    private readonly ChildWriter _children = new(new AppliedChildren());

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var deployment = resources.ModelDeployments.Get(key);
        if (deployment is null || deployment.Metadata.DeletionTimestamp is not null)
        {
            // Its children go with it (owner references).
            _superseded.Forget(key);
            _children.ForgetOwner(key);
            MonitoringStatus?.Forget(key);
            return ReconcileResult.Done;
        }
        if (_superseded.IsSuperseded(key, deployment.Metadata.ResourceVersion))
        {
            // The cache does not show our own last write yet; its watch event brings the next reconcile.
            ModelDeploymentLog.CacheBehind(logger, key.ToString(), deployment.Metadata.ResourceVersion);
            return ReconcileResult.Done;
        }
        ModelDeploymentLog.Reconciling(logger, key.ToString(), deployment.Metadata.ResourceVersion);
        var now = time.GetUtcNow();
        var errors = ModelDeploymentValidator.Validate(deployment.Spec);
        if (errors.Count > 0)
        {
            return await InvalidAsync(key, deployment, string.Join("; ", errors.Select(e => e.Message)), now, cancellationToken).ConfigureAwait(false);
        }

        var name = deployment.Metadata.Name!;
        var ns = deployment.Metadata.NamespaceProperty;
        if (ChildConflicts.Find(deployment.Metadata.Uid!, MD.KindName,
            [
                resources.Deployments.Get(ns, ChildNames.Router(name)),
                resources.Services.Get(ns, ChildNames.Endpoint(name)),
                resources.ConfigMaps.Get(ns, ChildNames.RoutingTable(name)),
                resources.ServiceAccounts.Get(ns, ChildNames.RouterServiceAccount(name)),
                resources.RoleBindings.Get(ns, ChildNames.RouterServiceAccount(name)),
            ]) is { } conflict)
        {
            // A Pipeline of the same name has them (ChildConflicts).
            return await InvalidAsync(key, deployment, conflict, now, cancellationToken).ConfigureAwait(false);
        }

        var spec = deployment.Spec;
        var runtimes = VersionRuntimes.Select(spec, resources.ServingRuntimes?.ListInNamespace(ns ?? "") ?? []);
        if (runtimes.Problem is { } unservable)
        {
            // Like an invalid spec: nothing changes (running servers stay) until the runtime or the spec is fixed.
            return await InvalidAsync(key, deployment, unservable.Message, now, cancellationToken, unservable.Reason).ConfigureAwait(false);
        }
        var suspended = EffectiveSettings.Suspend(spec);
        var plan = VersionPlan.From(spec, deployment.Status, now);
        var rebuilt = await ApplyWorkloadsAsync(deployment, plan, runtimes, suspended, cancellationToken).ConfigureAwait(false);
        var currentTable = RoutingConfigMapBuilder.TableOf(resources.ConfigMaps.Get(deployment.Metadata.NamespaceProperty, ChildNames.RoutingTable(deployment.Metadata.Name!)));
        await ScaleKeptRuntimesAsync(deployment, plan, currentTable, rebuilt, suspended, cancellationToken).ConfigureAwait(false);

        var observed = Observe(deployment, currentTable, suspended, now);
        var ledger = RolloutLedger.From(plan, deployment.Status, plan.Pending is { } routed ? RoutedBackends.WeightOf(currentTable, routed.Version) : null, suspended);
        CanaryWindowStatus? canaryWindow = null;
        if (plan.Pending is { } pending && !suspended)
        {
            RolloutDecision decision;
            ReplacementValidationStatus? validation;
            (decision, validation, canaryWindow) = await DecideAsync(deployment, plan, pending, observed, ledger.Validation, cancellationToken).ConfigureAwait(false);
            ModelDeploymentLog.Rollout(logger, key.ToString(), decision.Action.ToString(), decision.Reason, decision.Message);
            ledger = ledger.After(decision, validation, EffectiveSettings.ReplacementReason(spec), now);
        }

        var inTable = currentTable?.Backends.Select(b => b.Version).ToHashSet(StringComparer.Ordinal) ?? [];
        var backends = RoutedBackends.Select(spec, ledger.Plan, v => observed.Available(v) || inTable.Contains(v), ledger.PendingWeight);
        var table = await WriteRoutingTableAsync(deployment, backends, currentTable, cancellationToken).ConfigureAwait(false);
        ledger = ledger.Activated(table, now);
        await DeleteUnusedRuntimesAsync(deployment, ledger.Plan, table, observed.Served, cancellationToken).ConfigureAwait(false);

        var routerProblem = RouterRole is null ? null : await RouterRole.ProblemAsync(cancellationToken).ConfigureAwait(false);
        var monitoring = MonitoringStatus is null ? null
            : await MonitoringStatus.ReadAsync(key, deployment, ReadyRouterPods(deployment), RouterPods(deployment), options.RouterPort, now, cancellationToken).ConfigureAwait(false);
        var authProblem = AuthSecrets is null ? null : await AuthSecrets.ProblemAsync(deployment.Metadata.NamespaceProperty!, spec.Auth, cancellationToken).ConfigureAwait(false);
        var status = StatusBuilder.Build(deployment, Facts(deployment, ledger, table, observed, suspended, routerProblem) with
        {
            AuthProblem = authProblem,
            Monitoring = monitoring?.Parts,
            // Only the window of the step the table now routes: a step just taken starts its own once served.
            CanaryWindow = CanaryWindows.Current(canaryWindow, ledger.Plan.Pending?.Version ?? "", table?.Generation),
        });
        var notified = MonitoringNotifications.Evaluate(spec.Notifications, status);
        status = status with { Notifications = notified.Record };
        var written = await WriteStatusAsync(key, deployment, status, cancellationToken).ConfigureAwait(false);
        if (written.Conflict)
        {
            return ReconcileResult.Requeue;
        }
        await RecordTransitionsAsync(key, deployment, status, written.Object, cancellationToken).ConfigureAwait(false);
        QueueNotifications(deployment, status, written.Object, notified.Triggers, now);
        await RemoveSettledRequestsAsync(key, written.Object ?? deployment, ledger.Plan.Pending?.Version, cancellationToken).ConfigureAwait(false);

        var requeue = ledger.RequeueAfter;
        if (routerProblem is not null)
        {
            // Nothing watches ClusterRoles: look again for it.
            requeue = requeue is { } soon && soon < RouterClusterRoleCheck.RecheckAfter ? soon : RouterClusterRoleCheck.RecheckAfter;
        }
        if (authProblem is not null)
        {
            // Nothing watches Secrets (by design: the operator only reads the ones named, by name): look again.
            requeue = requeue is { } soon && soon < AuthSecretCheck.RecheckAfter ? soon : AuthSecretCheck.RecheckAfter;
        }
        if (monitoring is { NextRead: var nextRead })
        {
            // Nothing announces new router reports: read them again when the interval is over.
            var untilRead = nextRead > now ? nextRead - now : TimeSpan.FromSeconds(1);
            requeue = requeue is { } sooner && sooner < untilRead ? sooner : untilRead;
        }
        // Otherwise, waiting for routers is reported by their Pod watch; a missing champion by the Deployment watch.
        return requeue is { } delay ? ReconcileResult.RequeueAfter(delay) : ReconcileResult.Done;
    }

    /// <summary>What a reconcile reads of the children before it decides: the routing table, the routers, the runtimes.</summary>
    /// <param name="Available">Whether a version's runtime Deployment is Available (<see cref="DeploymentAvailability"/>).</param>
    private sealed record Observed(DateTimeOffset Now, RoutingTable? Table, long? Served, DateTimeOffset? ServedSince, Func<string, bool> Available);

    private Observed Observe(MD deployment, RoutingTable? table, bool suspended, DateTimeOffset now)
    {
        var replicas = suspended ? 0 : EffectiveSettings.MinimumReplicas(deployment.Spec);
        var served = ServedGeneration.Lowest(RouterPods(deployment));
        // From status, not memory: a pause or drain under way ends when it would have without a restart in between.
        var servedSince = ServedGeneration.Since(deployment.Status, table, served, now);
        return new Observed(now, table, served, servedSince, version => DeploymentAvailability.IsAvailable(
            resources.Deployments.Get(deployment.Metadata.NamespaceProperty, ChildNames.Runtime(deployment.Metadata.Name!, version)), replicas));
    }

    private StatusFacts Facts(MD deployment, RolloutLedger ledger, RoutingTable? table, Observed observed, bool suspended, string? routerProblem)
    {
        var challengers = deployment.Spec.Traffic?.Challengers ?? [];
        return new StatusFacts
        {
            Now = observed.Now,
            Suspended = suspended,
            Plan = ledger.Plan,
            Active = ledger.Active,
            History = ledger.History,
            ReplacementValidation = ledger.ReportedValidation,
            Table = table,
            ServedGeneration = observed.Served,
            ServedSince = ServedGeneration.Since(deployment.Status, table, observed.Served, observed.Now),
            ChampionAvailable = observed.Available(ledger.Plan.Active.Version),
            ReadyChallengers = challengers.Count(c => table?.Backends.Any(b => b.Name == c.Name) == true && observed.Available(c.Model.Version)),
            DeclaredChallengers = challengers.Count,
            Endpoint = EndpointServiceBuilder.Url(deployment, options),
            Rollout = ledger.Rollout,
            Failure = ledger.Failure,
            RouterProblem = routerProblem,
        };
    }

    private async Task<(RolloutDecision Decision, ReplacementValidationStatus? Validation, CanaryWindowStatus? Window)> DecideAsync(
        MD deployment, VersionPlan plan, ModelSpec pending, Observed observed, ReplacementValidationStatus? validation, CancellationToken cancellationToken)
    {
        var spec = deployment.Spec;
        var rollout = EffectiveSettings.Rollout(spec);
        var request = RolloutRequests.For(deployment.Metadata.Annotations?.AsReadOnly(), pending.Version);
        var routedWeight = RoutedBackends.WeightOf(observed.Table, pending.Version);
        var current = validation?.Version == pending.Version ? validation : null;
        var canarySteps = rollout.Steps.Select(s => s.Weight).ToList();
        var canaryPauses = rollout.Steps.Select(s => DurationParser.TryParse(s.Pause, out var pause) ? pause : TimeSpan.Zero).ToList();
        var stepWeights = MirrorPhaseAnalysis.StepWeights(canarySteps, rollout.Analysis);
        var stepPauses = MirrorPhaseAnalysis.StepPauses(canaryPauses, rollout.Analysis);
        AnalysisVerdict? verdict = null;
        CanaryWindowStatus? window = null;
        var routersServe = observed.Table is { } table && observed.Served >= table.Generation;
        // A promotion skips the analysis, and an abort does not wait for it.
        if (routedWeight is >= 0 and < 100 && routersServe && rollout.Analysis is { } thresholds && request == RolloutRequest.None)
        {
            var target = CanaryAnalysisTarget.For(deployment, pending.Version, routedWeight.Value, ReadyRouterPods(deployment), options) with { ChampionVersion = plan.Active.Version };
            (verdict, window) = await AnalyseStepAsync(deployment, target, thresholds, observed, RolloutStateMachine.PauseOf(stepWeights, stepPauses, routedWeight.Value), cancellationToken).ConfigureAwait(false);
        }
        RolloutObservation Observe(ReplacementValidationStatus? v) => new()
        {
            Now = observed.Now,
            StartedAt = plan.PendingSince ?? observed.Now,
            ProgressDeadline = rollout.ProgressDeadline,
            NewVersionAvailable = observed.Available(pending.Version),
            Validation = v?.Status,
            ValidationFailures = ReplacementChecks.Failures(v),
            StepWeights = stepWeights,
            StepPauses = stepPauses,
            RoutedWeight = routedWeight,
            RoutersServeCurrentTable = routersServe,
            WeightServedSince = routersServe ? observed.ServedSince : null,
            Analysis = verdict,
            AnalysisWindowStartedAt = window?.StartedAt,
            DrainDelay = DrainDelay,
            Request = request,
        };

        // Pods that failed to fetch or load the new model never become Available: their container statuses say why.
        var failedContainers = current is null && !observed.Available(pending.Version) && RuntimePods is not null
            ? ReplacementChecks.FromFailedContainers(pending, RuntimePodsOf(deployment, pending.Version))
            : null;
        var decision = RolloutStateMachine.Next(Observe(current ?? failedContainers));
        if (failedContainers is not null && decision.Action == RolloutAction.Fail)
        {
            current = failedContainers;
        }
        if (decision.Action == RolloutAction.Validate)
        {
            var (checks, unanswered) = await ValidateAsync(deployment, plan, pending, cancellationToken).ConfigureAwait(false);
            decision = RolloutStateMachine.Next(Observe(checks) with { ValidationUnanswered = unanswered });
            // Only a verdict is recorded: checks a runtime did not answer run again on the next reconcile.
            current = decision.Action == RolloutAction.Wait ? null : checks;
        }
        return (decision, current, window);
    }

    /// <summary>
    /// The current canary step's window (status.canaryWindow) and its verdict: the window starts when its counters
    /// are first read while the routers serve the step; it is judged once its pause is over, and every reconcile after
    /// that until a verdict. No verdict while it runs.
    /// </summary>
    private async Task<(AnalysisVerdict? Verdict, CanaryWindowStatus? Window)> AnalyseStepAsync(
        MD deployment, CanaryAnalysisTarget target, RolloutAnalysis thresholds, Observed observed, TimeSpan pause, CancellationToken cancellationToken)
    {
        if (analysis is null)
        {
            return (AnalysisVerdict.Failing("spec.rollout.analysis is set but the operator has no metrics source for it"), null);
        }
        var generation = observed.Table!.Generation;
        if (CanaryWindows.Current(deployment.Status?.CanaryWindow, target.Version, generation) is not { } window)
        {
            var (reading, failure) = await analysis.ReadAsync(deployment, target, cancellationToken).ConfigureAwait(false);
            return reading is null
                ? (AnalysisVerdict.Inconclusive($"the step's window starts once every router's counters are read: {failure}"), null)
                : (AnalysisVerdict.Inconclusive("the step's window started; it is judged at the end of the step's pause"),
                    CanaryWindows.Start(reading, target.Version, generation, RoutedBackends.WeightOf(observed.Table, target.Version) ?? 0, observed.Now));
        }
        if (observed.Now < window.StartedAt + pause)
        {
            return (null, window);
        }
        var verdict = await analysis.JudgeAsync(deployment, target, thresholds, CanaryWindows.Baseline(window), observed.Now - window.StartedAt, cancellationToken).ConfigureAwait(false);
        return (verdict, window);
    }

    /// <returns>The checks, and whether a runtime left what they compare unanswered (asked again until the deadline).</returns>
    private async Task<(ReplacementValidationStatus Checks, bool Unanswered)> ValidateAsync(MD deployment, VersionPlan plan, ModelSpec pending, CancellationToken cancellationToken)
    {
        var modelName = EffectiveSettings.RuntimeModelName(deployment.Spec, deployment.Metadata.Name!);
        var required = EffectiveSettings.RequireSignatureMatch(deployment.Spec);
        var activeUrl = RuntimeServiceBuilder.Url(deployment, plan.Active.Version);
        var pendingUrl = RuntimeServiceBuilder.Url(deployment, pending.Version);
        var old = await metadata.GetSignatureAsync(activeUrl, modelName, cancellationToken).ConfigureAwait(false);
        var replacement = await metadata.GetSignatureAsync(pendingUrl, modelName, cancellationToken).ConfigureAwait(false);
        var checks = new Dictionary<string, ReplacementCheck>(StringComparer.Ordinal)
        {
            // Available: its Pods' fetch init container succeeded, and it verifies spec.model.sha256.
            [FetchCheck.Name] = FetchCheck.Fetched(pending),
            [FormatCheck.Name] = FormatCheck.Loaded(pending, replacement is not null),
            [SignatureCheck.Name] = SignatureCheck.Compare(old, replacement, required),
        };
        var unanswered = old is null || replacement is null;
        if (deployment.Spec.Replacement?.Validation?.SamplePrediction is { } sample)
        {
            var (check, sampleUnanswered) = await SamplePredictionAsync(deployment, sample, activeUrl, pendingUrl, modelName, cancellationToken).ConfigureAwait(false);
            checks[SamplePredictionCheck.Name] = check;
            unanswered |= sampleUnanswered;
        }
        return (ReplacementChecks.Of(pending.Version, checks), unanswered);
    }

    /// <summary>
    /// Sends the sample request to the new version, and with a tolerance to the champion too. A request that could
    /// not be read (ConfigMap missing) or sent counts as unanswered: asked again until the progress deadline.
    /// </summary>
    private async Task<(ReplacementCheck Check, bool Unanswered)> SamplePredictionAsync(
        MD deployment, SamplePredictionSpec sample, string activeUrl, string pendingUrl, string modelName, CancellationToken cancellationToken)
    {
        if (Inference is null)
        {
            return (new ReplacementCheck { Status = ValidationResult.Failing, Message = "spec.replacement.validation.samplePrediction is set but the operator has no inference client" }, false);
        }
        var request = sample.Request;
        if (request is null && sample.RequestFrom is { } from)
        {
            var key = from.Key ?? ModelDeploymentDefaults.SampleRequestKey;
            var configMap = await resources.ConfigMapClient.GetOrNullAsync(deployment.Metadata.NamespaceProperty, from.Name, cancellationToken).ConfigureAwait(false);
            request = configMap?.Data?.TryGetValue(key, out var text) == true ? text : null;
            var problem = request is null ? "is missing" : Api.Validation.SamplePredictionValidator.RequestProblem(request);
            if (problem is not null)
            {
                // A ConfigMap not created yet is waited for until the progress deadline; a wrong request is not.
                return (new ReplacementCheck { Status = ValidationResult.Failing, Message = $"the sample request in ConfigMap {from.Name} key {key} {problem}" }, request is null);
            }
        }
        var candidate = await Inference.InferAsync(pendingUrl, modelName, request!, cancellationToken).ConfigureAwait(false);
        var champion = sample.Tolerance is null || candidate.Outputs is null ? null
            : await Inference.InferAsync(activeUrl, modelName, request!, cancellationToken).ConfigureAwait(false);
        return (SamplePredictionCheck.Judge(candidate, champion, sample.Tolerance), candidate.Unanswered is not null);
    }

    private IEnumerable<V1Pod> RuntimePodsOf(MD deployment, string version) =>
        RuntimePods!.ListByLabel(ChildMetadata.InstanceLabel, ChildNames.InstanceLabel(deployment.Metadata.Name!))
            .Where(p => p.Metadata.NamespaceProperty == deployment.Metadata.NamespaceProperty
                && p.Metadata.Label(ChildMetadata.ComponentLabel) == ChildMetadata.RuntimeComponent
                && p.Metadata.Label(ChildMetadata.VersionLabel) == version);

    /// <returns>The versions whose runtime Deployment was built from the spec.</returns>
    private async Task<HashSet<string>> ApplyWorkloadsAsync(MD deployment, VersionPlan plan, VersionRuntimes runtimes, bool suspended, CancellationToken cancellationToken)
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
            await ApplyRuntimeAsync(deployment, backend, runtimes, suspended, cancellationToken).ConfigureAwait(false);
            rebuilt.Add(backend.Model.Version);
        }
        if (plan.Pending is { } pending)
        {
            await ApplyRuntimeAsync(deployment, new ModelBackend(ModelDeploymentDefaults.ChampionName, Api.Routing.BackendRole.Champion, pending, 0), runtimes, suspended, cancellationToken).ConfigureAwait(false);
            rebuilt.Add(pending.Version);
        }
        // The router's identity first, so its pods start with the permissions they need.
        await ApplyAsync(resources.ServiceAccountClient, resources.ServiceAccounts, RouterIdentityBuilder.ServiceAccount(deployment), deployment, cancellationToken).ConfigureAwait(false);
        await ApplyAsync(resources.RoleBindingClient, resources.RoleBindings, RouterIdentityBuilder.RoleBinding(deployment, options), deployment, cancellationToken).ConfigureAwait(false);
        var router = RouterDeploymentBuilder.Build(deployment, options, suspended);
        await ApplyServingAsync(deployment, router, suspended, cancellationToken).ConfigureAwait(false);
        await ApplyAsync(resources.ServiceClient, resources.Services, EndpointServiceBuilder.Build(deployment, options), deployment, cancellationToken).ConfigureAwait(false);
        await DeleteUnusedAutoscalersAsync(deployment, rebuilt, suspended, cancellationToken).ConfigureAwait(false);
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
            if (runtime.Metadata.Label(ChildMetadata.ComponentLabel) != ChildMetadata.RuntimeComponent
                || runtime.Metadata.Label(ChildMetadata.VersionLabel) is not { } version
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
            await resources.DeploymentClient.MergePatchAsync(runtime.Metadata.NamespaceProperty, runtime.Metadata.Name!, patch, cancellationToken).ConfigureAwait(false);
            ModelDeploymentLog.Scaled(logger, runtime.Metadata.Name!, desired, $"{deployment.Metadata.NamespaceProperty}/{deployment.Metadata.Name}");
        }
    }

    private async Task ApplyRuntimeAsync(MD deployment, ModelBackend backend, VersionRuntimes runtimes, bool suspended, CancellationToken cancellationToken)
    {
        var runtime = RuntimeDeploymentBuilder.Build(deployment, backend, options, suspended, runtimes.For(backend.Model.Version));
        await ApplyServingAsync(deployment, runtime, suspended, cancellationToken).ConfigureAwait(false);
        await ApplyAsync(resources.ServiceClient, resources.Services, RuntimeServiceBuilder.Build(deployment, backend.Model.Version, runtimes.For(backend.Model.Version)), deployment, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies a serving Deployment and, under spec.autoscaling, its HorizontalPodAutoscaler. Before the first apply
    /// without spec.replicas, another field manager takes the field over at its current value (server-side apply
    /// would otherwise remove a field its only manager stops sending, and the Deployment would drop to 1 replica).
    /// </summary>
    private async Task ApplyServingAsync(MD deployment, V1Deployment desired, bool suspended, CancellationToken cancellationToken)
    {
        var autoscaling = deployment.Spec.Autoscaling;
        var autoscaled = Autoscalers is not null && AutoscaledReplicas.IsAutoscaled(autoscaling, suspended);
        if (autoscaled && AutoscaledReplicas.Handover(resources.Deployments.Get(desired.Metadata.NamespaceProperty, desired.Metadata.Name!), autoscaling!) is { } replicas)
        {
            await resources.DeploymentClient.ApplyAsync(new V1Deployment
            {
                ApiVersion = "apps/v1",
                Kind = "Deployment",
                Metadata = new V1ObjectMeta { Name = desired.Metadata.Name, NamespaceProperty = desired.Metadata.NamespaceProperty },
                Spec = new V1DeploymentSpec { Replicas = replicas },
            }, new Kubernetes.Client.ApplyOptions { FieldManager = AutoscaledReplicas.HandoverFieldManager, Force = true }, cancellationToken).ConfigureAwait(false);
            ModelDeploymentLog.Scaled(logger, desired.Metadata.Name!, replicas, $"{deployment.Metadata.NamespaceProperty}/{deployment.Metadata.Name}");
        }
        await ApplyAsync(resources.DeploymentClient, resources.Deployments, desired, deployment, cancellationToken).ConfigureAwait(false);
        if (autoscaled)
        {
            await ApplyAsync(Autoscalers!.Client, Autoscalers.Cache, HorizontalPodAutoscalerBuilder.Build(desired, autoscaling!), deployment, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deletes the HorizontalPodAutoscalers of this ModelDeployment that scale no Deployment applied in this reconcile
    /// under spec.autoscaling: all of them when autoscaling is off or the ModelDeployment is suspended (an autoscaler
    /// leaves a Deployment at zero alone, but a person reading `kubectl get hpa` should not see one that does nothing).
    /// </summary>
    private async Task DeleteUnusedAutoscalersAsync(MD deployment, HashSet<string> rebuilt, bool suspended, CancellationToken cancellationToken)
    {
        if (Autoscalers is null)
        {
            return;
        }
        var name = deployment.Metadata.Name!;
        var kept = AutoscaledReplicas.IsAutoscaled(deployment.Spec.Autoscaling, suspended)
            ? rebuilt.Select(version => ChildNames.Runtime(name, version)).Append(ChildNames.Router(name)).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var autoscaler in Autoscalers.Cache.ListByOwnerUid(deployment.Metadata.Uid!).Where(a => !kept.Contains(a.Metadata.Name!)))
        {
            ModelDeploymentLog.Deleted(logger, HorizontalPodAutoscalerBuilder.Kind, autoscaler.Metadata.Name!, $"{deployment.Metadata.NamespaceProperty}/{deployment.Metadata.Name}", "autoscaling");
            await _children.DeleteAsync(Autoscalers.Client, autoscaler, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ApplyAsync<T>(Kubernetes.Client.ResourceClient<T> client, Kubernetes.Informers.ObjectCache<T> cache, T desired, MD owner, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var reason = await _children.ApplyAsync(client, cache, desired, ObjectKey.From(owner), Serializer, cancellationToken).ConfigureAwait(false);
        if (reason != ChildApply.None)
        {
            ModelDeploymentLog.Applied(logger, desired.Kind, desired.Metadata.Name!, $"{owner.Metadata.NamespaceProperty}/{owner.Metadata.Name}", reason.ToString());
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
        var desired = RoutingTableBuilder.Build(modelName, 0, backends, spec.Traffic, spec.Monitoring, b => RuntimeServiceBuilder.Url(deployment, b.Model.Version), predictionDefaults: spec.PredictionDefaults);
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
        var key = $"{deployment.Metadata.NamespaceProperty}/{deployment.Metadata.Name}";
        foreach (var runtime in resources.Deployments.ListByOwnerUid(uid).Where(d => IsUnusedRuntime(d.Metadata, inUse)))
        {
            ModelDeploymentLog.Deleted(logger, "Deployment", runtime.Metadata.Name!, key, runtime.Metadata.Labels![ChildMetadata.VersionLabel]);
            await _children.DeleteAsync(resources.DeploymentClient, runtime, cancellationToken).ConfigureAwait(false);
        }
        foreach (var service in resources.Services.ListByOwnerUid(uid).Where(s => IsUnusedRuntime(s.Metadata, inUse)))
        {
            ModelDeploymentLog.Deleted(logger, "Service", service.Metadata.Name!, key, service.Metadata.Labels![ChildMetadata.VersionLabel]);
            await _children.DeleteAsync(resources.ServiceClient, service, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsUnusedRuntime(V1ObjectMeta metadata, HashSet<string> inUse) =>
        metadata.Label(ChildMetadata.ComponentLabel) == ChildMetadata.RuntimeComponent
        && metadata.Label(ChildMetadata.VersionLabel) is { } version
        && !inUse.Contains(version);

    private IEnumerable<V1Pod> ReadyRouterPods(MD deployment) => RouterPods(deployment).Where(ServedGeneration.IsReady);

    private IEnumerable<V1Pod> RouterPods(MD deployment) =>
        resources.Pods.ListByLabel(ChildMetadata.InstanceLabel, ChildNames.InstanceLabel(deployment.Metadata.Name!))
            .Where(p => p.Metadata.NamespaceProperty == deployment.Metadata.NamespaceProperty
                && p.Metadata.Label(ChildMetadata.ComponentLabel) == ChildMetadata.RouterComponent
                && p.Metadata.Annotation(ChildMetadata.ModelDeploymentAnnotation) == deployment.Metadata.Name);

    /// <summary>
    /// Removes the abort/promote annotations that name no pending version any more: handled by this or an earlier
    /// reconcile, or stale. Guarded by the resourceVersion this reconcile last saw, so a request set in between is
    /// kept for the next reconcile (which its own change triggers).
    /// </summary>
    private async Task RemoveSettledRequestsAsync(ObjectKey key, MD deployment, string? pendingVersion, CancellationToken cancellationToken)
    {
        var settled = RolloutRequests.Settled(deployment.Metadata.Annotations?.AsReadOnly(), pendingVersion);
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
            await resources.ModelDeploymentClient.MergePatchAsync(deployment.Metadata.NamespaceProperty, deployment.Metadata.Name!, patch, cancellationToken).ConfigureAwait(false);
            _superseded.WroteOver(key, deployment.Metadata.ResourceVersion);
            ModelDeploymentLog.RequestsRemoved(logger, $"{deployment.Metadata.NamespaceProperty}/{deployment.Metadata.Name}", string.Join(", ", settled));
        }
        catch (Kubernetes.Client.KubernetesApiException ex) when (ex.IsNotFound || ex.IsConflict)
        {
            // Gone, or changed since it was read: the change's own event brings the next reconcile.
        }
    }

    private async Task<ReconcileResult> InvalidAsync(
        ObjectKey key, MD deployment, string message, DateTimeOffset now, CancellationToken cancellationToken, string reason = ConditionReasons.InvalidSpec)
    {
        var status = StatusBuilder.Invalid(deployment, message, now, reason);
        var written = await WriteStatusAsync(key, deployment, status, cancellationToken).ConfigureAwait(false);
        if (written.Conflict)
        {
            return ReconcileResult.Requeue;
        }
        if (written.Object is not null)
        {
            ModelDeploymentLog.InvalidSpec(logger, key.ToString(), message);
        }
        await RecordTransitionsAsync(key, deployment, status, written.Object, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    /// <summary>
    /// Records the Events and ended rollouts that <paramref name="status"/> shows and the status read did not, once the
    /// write that records them succeeded (<paramref name="written"/>; null: nothing was written, nothing to report).
    /// </summary>
    private async Task RecordTransitionsAsync(ObjectKey key, MD read, ModelDeploymentStatus status, MD? written, CancellationToken cancellationToken)
    {
        if (written is null)
        {
            return;
        }
        foreach (var transition in StatusTransitions.Events(read.Status, status))
        {
            await events.RecordAsync(written, transition.Type, transition.Reason, transition.Message, cancellationToken).ConfigureAwait(false);
        }
        if (StatusTransitions.Ended(read.Status, status) is { } ended)
        {
            Rollouts.Ended(key, ended.Result);
        }
    }

    /// <summary>
    /// Queues the notifications of the rollout transitions and monitoring events that the written status records
    /// (never waits: delivery runs in the background). Like Events, only after the write that records them.
    /// </summary>
    private void QueueNotifications(MD read, ModelDeploymentStatus status, MD? written, IReadOnlyList<NotificationTrigger> monitoring, DateTimeOffset now)
    {
        if (written is null || Notifications is null || written.Spec.Notifications is not { Count: > 0 } notifications)
        {
            return;
        }
        var triggers = RolloutNotifications.From(read.Status, status).Concat(monitoring);
        foreach (var work in NotificationWork.For(written, notifications, triggers, now))
        {
            if (!Notifications.TryEnqueue(work))
            {
                NotificationLog.Dropped(logger, work.Notification.Name, work.Trigger.Event.ToString(), $"{written.Metadata.NamespaceProperty}/{written.Metadata.Name}");
            }
        }
    }

    /// <summary>The outcome of a status write: the object as written (null: unchanged, or gone), or a conflict.</summary>

    /// <summary>
    /// Merge-patches status when it differs semantically; fields that disappeared are sent as null. The patch carries
    /// the resourceVersion the status was computed from, so one computed from a cache that is behind is refused (409
    /// Conflict) instead of overwriting a newer status: the reconcile is retried on the current object.
    /// </summary>
    private async Task<StatusWrite<MD>> WriteStatusAsync(ObjectKey key, MD deployment, ModelDeploymentStatus status, CancellationToken cancellationToken)
    {
        var written = await ConditionalStatusPatch.WriteAsync(resources.ModelDeploymentClient, key, deployment, deployment.Status, status, ModelshipApiJsonContext.Default.ModelDeploymentStatus, _superseded, cancellationToken).ConfigureAwait(false);
        if (written.Conflict)
        {
            ModelDeploymentLog.StatusConflict(logger, key.ToString(), deployment.Metadata.ResourceVersion);
        }
        return written;
    }

    public void Dispose() => Metrics?.Dispose();
}
