using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Modelship.Api.Routing;
using Modelship.Api.Serialization;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Events;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.Pipeline.Builders;
using PipelineResource = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.Operator.Controllers.Pipeline;

/// <summary>
/// Makes a Pipeline's inline model servers, router, endpoint and routing table match its spec and the
/// ModelDeployments it refers to, and reports status. Reads only the informer caches; applies a child only when
/// <see cref="ChildDrift"/> finds a reason, writes the table only when its content changed (with the next
/// generation), deletes a model server only once every ready router serves a table without it, and writes status only
/// when it changed, conditional on the resourceVersion it was computed from. The decisions are pure
/// (<see cref="PipelinePlan"/>, <see cref="PipelineStatusBuilder"/>, <see cref="PipelineStatusTransitions"/>).
/// </summary>
public sealed class PipelineReconciler(
    PipelineResources resources,
    IEventRecorder events,
    ModelDeploymentBuildOptions options,
    ILogger<PipelineReconciler> logger,
    TimeProvider? time = null) : IReconciler
{
    /// <summary>Reports a missing router ClusterRole on the Pipeline; null: not checked.</summary>
    public RouterClusterRoleCheck? RouterRole { get; init; }

    private static readonly JsonSerializerOptions Serializer = ModelshipApiJsonContext.KubernetesClientOptions;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly SupersededVersions _superseded = new();
    private readonly ChildWriter _children = new(new AppliedChildren());

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var pipeline = resources.Pipelines.Get(key);
        if (pipeline is null || pipeline.Metadata.DeletionTimestamp is not null)
        {
            // Its children go with it (owner references).
            _superseded.Forget(key);
            _children.ForgetOwner(key);
            return ReconcileResult.Done;
        }
        if (_superseded.IsSuperseded(key, pipeline.Metadata.ResourceVersion))
        {
            PipelineLog.CacheBehind(logger, key.ToString(), pipeline.Metadata.ResourceVersion);
            return ReconcileResult.Done;
        }
        PipelineLog.Reconciling(logger, key.ToString(), pipeline.Metadata.ResourceVersion);
        var now = _time.GetUtcNow();
        var ns = pipeline.Metadata.NamespaceProperty;
        var errors = PipelineValidator.Validate(pipeline.Spec, name => resources.ModelDeployments.Get(ns, name) is not null);
        if (errors.Count > 0)
        {
            return await InvalidAsync(key, pipeline, string.Join("; ", errors.Select(e => e.Message)), now, cancellationToken).ConfigureAwait(false);
        }

        var routingName = ChildNames.RoutingTable(pipeline.Metadata.Name!);
        var name = pipeline.Metadata.Name!;
        if (ChildConflicts.Find(pipeline.Metadata.Uid!, PipelineResource.KindName,
            [
                resources.Deployments.Get(ns, ChildNames.Router(name)),
                resources.Services.Get(ns, ChildNames.Endpoint(name)),
                resources.ConfigMaps.Get(ns, routingName),
                resources.ServiceAccounts.Get(ns, ChildNames.RouterServiceAccount(name)),
                resources.RoleBindings.Get(ns, ChildNames.RouterServiceAccount(name)),
            ]) is { } conflict)
        {
            return await InvalidAsync(key, pipeline, conflict, now, cancellationToken).ConfigureAwait(false);
        }

        var runtimes = InlineModelRuntimes.Select(pipeline.Spec, resources.ServingRuntimes?.ListInNamespace(ns ?? "") ?? []);
        if (runtimes.Problem is { } unservable)
        {
            return await InvalidAsync(key, pipeline, unservable.Message, now, cancellationToken).ConfigureAwait(false);
        }
        await ApplyWorkloadsAsync(pipeline, runtimes, cancellationToken).ConfigureAwait(false);
        var current = RoutingConfigMapBuilder.TableOf(resources.ConfigMaps.Get(ns, routingName));
        var plan = PipelinePlan.From(
            pipeline,
            name => resources.ModelDeployments.Get(ns, name),
            name => resources.Deployments.Get(ns, name) is not null,
            name => DeploymentAvailability.IsAvailable(resources.Deployments.Get(ns, name), InlineModelWorkload.Replicas),
            current,
            options);
        var table = await WriteRoutingTableAsync(pipeline, plan.Table, current, cancellationToken).ConfigureAwait(false);
        var served = ServedGeneration.Lowest(RouterPods(pipeline));
        await DeleteUnusedRuntimesAsync(pipeline, plan, table, served, cancellationToken).ConfigureAwait(false);

        var routerProblem = RouterRole is null ? null : await RouterRole.ProblemAsync(cancellationToken).ConfigureAwait(false);
        var status = PipelineStatusBuilder.Build(pipeline, new PipelineStatusFacts
        {
            Now = now,
            Plan = plan,
            Table = table,
            ServedGeneration = served,
            Endpoint = EndpointServiceBuilder.Url(pipeline.Metadata.Name!, ns, options),
            RouterProblem = routerProblem,
        });
        var written = await WriteStatusAsync(key, pipeline, status, cancellationToken).ConfigureAwait(false);
        if (written.Conflict)
        {
            return ReconcileResult.Requeue;
        }
        await RecordTransitionsAsync(pipeline, status, written.Object, cancellationToken).ConfigureAwait(false);
        // Model servers and routers are watched, and so are the ModelDeployments it refers to; nothing watches ClusterRoles.
        return routerProblem is not null ? ReconcileResult.RequeueAfter(RouterClusterRoleCheck.RecheckAfter) : ReconcileResult.Done;
    }

    private async Task ApplyWorkloadsAsync(PipelineResource pipeline, InlineModelRuntimes runtimes, CancellationToken cancellationToken)
    {
        var owner = ChildOwner.Of(pipeline);
        foreach (var model in PipelineModels.Of(pipeline.Spec).Where(m => m.Inline is not null))
        {
            var workload = InlineModelWorkload.Build(pipeline, model);
            var servingRuntime = runtimes.For(model);
            var served = servingRuntime is null ? workload : ServingRuntimeWorkload.Apply(workload, servingRuntime);
            await ApplyAsync(resources.DeploymentClient, resources.Deployments, RuntimeDeploymentBuilder.Build(served, options), pipeline, cancellationToken).ConfigureAwait(false);
            // The Service keeps the port the routing table names (InlineModelWorkload.Url); it targets the container's by name.
            await ApplyAsync(resources.ServiceClient, resources.Services, RuntimeServiceBuilder.Build(workload, servingRuntime), pipeline, cancellationToken).ConfigureAwait(false);
        }
        // The router's identity first, so its pods start with the permissions they need.
        await ApplyAsync(resources.ServiceAccountClient, resources.ServiceAccounts, RouterIdentityBuilder.ServiceAccount(owner), pipeline, cancellationToken).ConfigureAwait(false);
        await ApplyAsync(resources.RoleBindingClient, resources.RoleBindings, RouterIdentityBuilder.RoleBinding(owner, options), pipeline, cancellationToken).ConfigureAwait(false);
        await ApplyAsync(resources.DeploymentClient, resources.Deployments, RouterDeploymentBuilder.Build(owner, options, suspended: false, new RouterMonitoringVolumes(pipeline.Spec.Monitoring?.Storage, null), new RouterAuthVolumes(pipeline.Spec.Auth)), pipeline, cancellationToken).ConfigureAwait(false);
        await ApplyAsync(resources.ServiceClient, resources.Services, EndpointServiceBuilder.Build(owner, options), pipeline, cancellationToken).ConfigureAwait(false);
    }

    private async Task ApplyAsync<T>(Kubernetes.Client.ResourceClient<T> client, Kubernetes.Informers.ObjectCache<T> cache, T desired, PipelineResource owner, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var reason = await _children.ApplyAsync(client, cache, desired, ObjectKey.From(owner), Serializer, cancellationToken).ConfigureAwait(false);
        if (reason != ChildApply.None)
        {
            PipelineLog.Applied(logger, desired.Kind, desired.Metadata.Name!, $"{owner.Metadata.NamespaceProperty}/{owner.Metadata.Name}", reason.ToString());
        }
    }

    /// <summary>
    /// Writes <paramref name="desired"/> when its content differs from the table in force, with the next generation;
    /// returns the table in force afterwards. A null <paramref name="desired"/> (some model has nothing to answer yet)
    /// leaves the table in force as it is.
    /// </summary>
    private async Task<RoutingTable?> WriteRoutingTableAsync(PipelineResource pipeline, RoutingTable? desired, RoutingTable? current, CancellationToken cancellationToken)
    {
        var owner = ChildOwner.Of(pipeline);
        if (desired is null || (current is not null && RoutingTables.SameContent(current, desired)))
        {
            if (current is not null)
            {
                // Repairs the ConfigMap should someone have changed it; sends nothing otherwise.
                await ApplyAsync(resources.ConfigMapClient, resources.ConfigMaps, RoutingConfigMapBuilder.Build(owner, current), pipeline, cancellationToken).ConfigureAwait(false);
            }
            return current;
        }
        var generation = Math.Max(current?.Generation ?? 0, pipeline.Status?.RoutingGeneration ?? 0) + 1;
        var table = desired with { Generation = generation };
        await ApplyAsync(resources.ConfigMapClient, resources.ConfigMaps, RoutingConfigMapBuilder.Build(owner, table), pipeline, cancellationToken).ConfigureAwait(false);
        PipelineLog.TableWritten(logger, $"{pipeline.Metadata.NamespaceProperty}/{pipeline.Metadata.Name}", generation);
        return table;
    }

    /// <summary>
    /// Deletes the model servers (Deployment and Service) of inline model versions the spec no longer names and the
    /// table in force does not route to, once every ready router serves that table.
    /// </summary>
    private async Task DeleteUnusedRuntimesAsync(PipelineResource pipeline, PipelinePlan plan, RoutingTable? table, long? served, CancellationToken cancellationToken)
    {
        if (table is null || served is not { } generation || generation < table.Generation)
        {
            return;
        }
        var inUse = PipelineRuntimes.InUse(pipeline, plan, table);
        var uid = pipeline.Metadata.Uid!;
        var key = $"{pipeline.Metadata.NamespaceProperty}/{pipeline.Metadata.Name}";
        foreach (var runtime in resources.Deployments.ListByOwnerUid(uid).Where(d => PipelineRuntimes.IsUnused(d.Metadata, inUse)))
        {
            PipelineLog.Deleted(logger, "Deployment", runtime.Metadata.Name!, key);
            await _children.DeleteAsync(resources.DeploymentClient, runtime, cancellationToken).ConfigureAwait(false);
        }
        foreach (var service in resources.Services.ListByOwnerUid(uid).Where(s => PipelineRuntimes.IsUnused(s.Metadata, inUse)))
        {
            PipelineLog.Deleted(logger, "Service", service.Metadata.Name!, key);
            await _children.DeleteAsync(resources.ServiceClient, service, cancellationToken).ConfigureAwait(false);
        }
    }

    private IEnumerable<V1Pod> RouterPods(PipelineResource pipeline) =>
        resources.RouterPods.ListByLabel(ChildMetadata.InstanceLabel, ChildNames.InstanceLabel(pipeline.Metadata.Name!))
            .Where(p => p.Metadata.NamespaceProperty == pipeline.Metadata.NamespaceProperty
                && p.Metadata.Label(ChildMetadata.ComponentLabel) == ChildOwner.PipelineComponentPrefix + ChildMetadata.RouterComponent
                && p.Metadata.Annotation(ChildOwner.PipelineAnnotation) == pipeline.Metadata.Name);

    private async Task<ReconcileResult> InvalidAsync(ObjectKey key, PipelineResource pipeline, string message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = PipelineStatusBuilder.Invalid(pipeline, message, now);
        var written = await WriteStatusAsync(key, pipeline, status, cancellationToken).ConfigureAwait(false);
        if (written.Conflict)
        {
            return ReconcileResult.Requeue;
        }
        if (written.Object is not null)
        {
            PipelineLog.InvalidSpec(logger, key.ToString(), message);
        }
        await RecordTransitionsAsync(pipeline, status, written.Object, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    /// <summary>Records the Events of the transition from the status read to the one written, once the write succeeded.</summary>
    private async Task RecordTransitionsAsync(PipelineResource read, PipelineStatus status, PipelineResource? written, CancellationToken cancellationToken)
    {
        if (written is null)
        {
            return;
        }
        foreach (var transition in PipelineStatusTransitions.Events(read.Status, status))
        {
            await events.RecordAsync(written, transition.Type, transition.Reason, transition.Message, cancellationToken).ConfigureAwait(false);
        }
    }


    /// <summary>
    /// Merge-patches status when it differs; fields that disappeared are sent as null. Conditional on the
    /// resourceVersion the status was computed from: one computed from a cache that is behind gets 409 Conflict and
    /// the reconcile is retried on the current object.
    /// </summary>
    private async Task<StatusWrite<PipelineResource>> WriteStatusAsync(ObjectKey key, PipelineResource pipeline, PipelineStatus status, CancellationToken cancellationToken)
    {
        var written = await ConditionalStatusPatch.WriteAsync(resources.PipelineClient, key, pipeline, pipeline.Status, status, ModelshipApiJsonContext.Default.PipelineStatus, _superseded, cancellationToken).ConfigureAwait(false);
        if (written.Conflict)
        {
            PipelineLog.StatusConflict(logger, key.ToString(), pipeline.Metadata.ResourceVersion);
        }
        return written;
    }
}
