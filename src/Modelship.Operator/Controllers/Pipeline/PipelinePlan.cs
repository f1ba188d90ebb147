using k8s;
using k8s.Models;
using Modelship.Api.Conditions;
using Modelship.Api.Defaults;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.Pipeline.Builders;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using PipelineResource = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.Operator.Controllers.Pipeline;

/// <summary>How one model of a step is served right now.</summary>
/// <param name="Route">Where the table sends it; null when nothing can answer for it yet (an inline model none of whose versions is Available).</param>
/// <param name="Ready">Whether it can answer: its routed model server is Available, or the referenced ModelDeployment is Ready.</param>
/// <param name="UpToDate">Whether it routes what the spec asks (an inline model's version; a reference always does).</param>
/// <param name="Problem">Why it is not ready or not up to date, for people; null when it is both.</param>
public sealed record PlannedModel(StepModelRef Model, ResolvedStepModel? Route, bool Ready, bool UpToDate, string? Problem);

/// <summary>What a Pipeline's cluster state should be, decided from what the caches hold. Pure.</summary>
/// <param name="Models">Every model of every step, in spec order.</param>
/// <param name="Table">The routing table the spec asks for now (generation 0: the reconciler numbers it); null while
/// some model has nothing that can answer (the table in force stays, so a spec change is served whole or not at all).</param>
public sealed record PipelinePlan(IReadOnlyList<PlannedModel> Models, RoutingTable? Table)
{
    /// <summary>Every model routes what the spec asks.</summary>
    public bool UpToDate => Table is not null && Models.All(m => m.UpToDate);

    /// <param name="pipeline">A Pipeline whose spec passed <see cref="Api.Validation.PipelineValidator"/>.</param>
    /// <param name="modelDeployment">The cached ModelDeployment of the Pipeline's namespace with this name, or null.</param>
    /// <param name="runtimeExists">Whether the model server Deployment of this name exists.</param>
    /// <param name="runtimeAvailable">Whether the model server Deployment of this name is Available (<see cref="ModelDeployment.DeploymentAvailability"/>).</param>
    /// <param name="current">The table the routers are given now (from the routing ConfigMap), or null.</param>
    public static PipelinePlan From(
        PipelineResource pipeline,
        Func<string, MD?> modelDeployment,
        Func<string, bool> runtimeExists,
        Func<string, bool> runtimeAvailable,
        RoutingTable? current,
        ModelDeploymentBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(modelDeployment);
        ArgumentNullException.ThrowIfNull(runtimeExists);
        ArgumentNullException.ThrowIfNull(runtimeAvailable);
        ArgumentNullException.ThrowIfNull(options);
        var planned = PipelineModels.Of(pipeline.Spec)
            .Select(model => model.ModelDeployment is { } name
                ? Referenced(pipeline, model, modelDeployment(name), options)
                : Inline(pipeline, model, runtimeExists, runtimeAvailable, current))
            .ToList();
        RoutingTable? table = null;
        if (planned.All(p => p.Route is not null))
        {
            var routes = planned.ToDictionary(p => (p.Model.Step, p.Model.Name), p => p.Route!);
            table = PipelineRoutingTableBuilder.Build(pipeline.Metadata.Name!, 0, pipeline.Spec, (step, model) => routes[(step, model.EffectiveName(step))]);
        }
        return new PipelinePlan(planned, table);
    }

    /// <summary>A referenced ModelDeployment answers at its stable endpoint; the version expected is its active one.</summary>
    private static PlannedModel Referenced(PipelineResource pipeline, StepModelRef model, MD? target, ModelDeploymentBuildOptions options)
    {
        var name = model.ModelDeployment!;
        if (target is null)
        {
            return new PlannedModel(model, null, false, false, $"step '{model.Step}': ModelDeployment '{name}' does not exist");
        }
        var version = target.Status?.ActiveModel?.Version ?? target.Spec.Model.Version;
        var route = new ResolvedStepModel(
            EndpointServiceBuilder.Url(name, pipeline.Metadata.NamespaceProperty, options),
            EffectiveSettings.RuntimeModelName(target.Spec, name),
            version);
        var ready = ConditionList.Find(target.Status?.Conditions, ConditionTypes.Ready);
        return Answers(target)
            ? new PlannedModel(model, route, true, true, null)
            : new PlannedModel(model, route, false, true, $"step '{model.Step}': ModelDeployment '{name}' is not Ready{(ready?.Message is { Length: > 0 } message ? $": {message}" : "")}");
    }

    /// <summary>
    /// Whether a ModelDeployment's endpoint answers: Ready, or an active version while its routers take up a newer
    /// routing table (Ready=False WaitingForRouters for that moment: they still serve the previous one).
    /// </summary>
    public static bool Answers(MD target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var ready = ConditionList.Find(target.Status?.Conditions, ConditionTypes.Ready);
        return ready?.Status == ConditionStatus.True
            || (ready?.Reason == ConditionReasons.WaitingForRouters && target.Status?.ActiveModel is not null && target.Status.ServedGeneration >= 1);
    }

    /// <summary>
    /// An inline model answers at the Service of the version the table may name: the spec's once its server is
    /// Available; until then the version the table names already, as long as its server exists (never a version
    /// that was never Available); none when neither.
    /// </summary>
    private static PlannedModel Inline(PipelineResource pipeline, StepModelRef model, Func<string, bool> exists, Func<string, bool> available, RoutingTable? current)
    {
        var wanted = model.Inline!.Version;
        var modelName = InlineModelWorkload.ModelName(model);
        ResolvedStepModel Route(string version) => new(InlineModelWorkload.Url(pipeline, model, version), modelName, version);
        if (available(InlineModelWorkload.Name(pipeline, model, wanted)))
        {
            return new PlannedModel(model, Route(wanted), true, true, null);
        }
        var waiting = $"step '{model.Step}': model '{model.Name}' version {wanted} is not Available yet";
        var routed = current?.Pipeline?.Steps.FirstOrDefault(s => s.Name == model.Step)?.Models?.FirstOrDefault(b => b.Name == model.Name);
        if (routed is not null && routed.ModelName == modelName && exists(InlineModelWorkload.Name(pipeline, model, routed.Version)))
        {
            var ready = available(InlineModelWorkload.Name(pipeline, model, routed.Version));
            var upToDate = routed.Version == wanted;
            return new PlannedModel(model, Route(routed.Version), ready, upToDate, upToDate ? waiting : $"{waiting}; version {routed.Version} answers meanwhile");
        }
        return new PlannedModel(model, null, false, false, waiting);
    }
}
