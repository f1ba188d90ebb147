using System.Globalization;
using Modelship.Api.Conditions;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using PipelineResource = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.Operator.Controllers.Pipeline;

/// <summary>What a reconcile established about a valid Pipeline, for <see cref="PipelineStatusBuilder"/>.</summary>
public sealed record PipelineStatusFacts
{
    public required DateTimeOffset Now { get; init; }

    public required PipelinePlan Plan { get; init; }

    /// <summary>The routing table in force after this reconcile's write (null: none written yet).</summary>
    public RoutingTable? Table { get; init; }

    /// <summary>The lowest generation every ready router serves; null when no router is ready.</summary>
    public long? ServedGeneration { get; init; }

    public required string Endpoint { get; init; }

    /// <summary>Why the routers lack permissions (their ClusterRole is missing); null when nothing is wrong.</summary>
    public string? RouterProblem { get; init; }
}

/// <summary>Pure: the status a Pipeline should have.</summary>
public static class PipelineStatusBuilder
{
    /// <summary>Degraded: a model the table routes to cannot answer (a referenced ModelDeployment or a model server is not ready).</summary>
    public const string StepsNotReady = "StepsNotReady";

    /// <summary>Ready=False before a table is written: an inline model has no Available version yet.</summary>
    public const string WaitingForModels = "WaitingForModels";

    public static PipelineStatus Build(PipelineResource pipeline, PipelineStatusFacts facts)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(facts);
        var generation = pipeline.Metadata.Generation;
        var steps = Steps(pipeline.Spec, facts.Plan);
        var notReady = facts.Plan.Models.Where(m => !m.Ready).ToList();
        // Every ready router serves one of the tables this controller wrote (each named only models that could
        // answer), so the endpoint answers; a newer table on its way is progress, not unreadiness.
        var answering = facts.Table is not null && facts.ServedGeneration >= 1;
        var current = facts.Table is { } table && facts.ServedGeneration >= table.Generation;
        var ready = answering && notReady.Count == 0;
        var settled = ready && current && facts.Plan.UpToDate && SameContentAsPlan(facts);

        var (readyReason, readyMessage) = ready ? (ConditionReasons.Available, $"{steps.Count} step{(steps.Count == 1 ? "" : "s")} serve")
            : facts.Table is null ? (WaitingForModels, Problems(facts.Plan.Models.Where(m => m.Route is null), "waiting for the models"))
            : !answering ? (ConditionReasons.WaitingForRouters, "waiting for a ready router serving the routing table")
            : (StepsNotReady, Problems(notReady, "a model is not ready"));
        var (progressingStatus, progressingReason, progressingMessage) = settled ? (ConditionStatus.False, ConditionReasons.AsExpected, "nothing is changing")
            : !ready ? (ConditionStatus.True, readyReason, readyMessage)
            : !current ? (ConditionStatus.True, ConditionReasons.WaitingForRouters, $"waiting for every ready router to serve routing table generation {facts.Table!.Generation}")
            : (ConditionStatus.True, ConditionReasons.Deploying, Problems(facts.Plan.Models.Where(m => !m.UpToDate), "the routing table is being updated"));
        // Degraded once a table is written: a model it routes to cannot answer. Before that, waiting is progress, not a failure.
        var failing = facts.Table is null ? [] : notReady.Where(m => m.Route is not null).ToList();
        var (degradedStatus, degradedReason, degradedMessage) = failing.Count > 0 ? (ConditionStatus.True, StepsNotReady, Problems(failing, "a model is not ready"))
            : facts.RouterProblem is { } routerProblem ? (ConditionStatus.True, ConditionReasons.RouterClusterRoleMissing, routerProblem)
            : (ConditionStatus.False, ConditionReasons.AsExpected, "no failure");

        var conditions = pipeline.Status?.Conditions;
        conditions = ConditionList.Set(conditions, Condition(ConditionTypes.Ready, ready ? ConditionStatus.True : ConditionStatus.False, readyReason, readyMessage, generation, facts.Now));
        conditions = ConditionList.Set(conditions, Condition(ConditionTypes.Progressing, progressingStatus, progressingReason, progressingMessage, generation, facts.Now));
        conditions = ConditionList.Set(conditions, Condition(ConditionTypes.Degraded, degradedStatus, degradedReason, degradedMessage, generation, facts.Now));

        return new PipelineStatus
        {
            ObservedGeneration = generation,
            Phase = settled ? PipelinePhase.Active : PipelinePhase.Deploying,
            Conditions = conditions,
            Steps = steps,
            StepSummary = string.Create(CultureInfo.InvariantCulture, $"{steps.Count(s => s.Ready)}/{steps.Count}"),
            Endpoint = facts.Endpoint,
            RoutingGeneration = facts.Table?.Generation ?? pipeline.Status?.RoutingGeneration,
            ServedGeneration = facts.ServedGeneration,
        };
    }

    /// <summary>The status of a spec the validator rejected: Ready=False InvalidSpec naming the steps; nothing else changes.</summary>
    public static PipelineStatus Invalid(PipelineResource pipeline, string message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var previous = pipeline.Status ?? new PipelineStatus();
        var generation = pipeline.Metadata.Generation;
        var conditions = ConditionList.Set(previous.Conditions, Condition(ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.InvalidSpec, message, generation, now));
        conditions = ConditionList.Set(conditions, Condition(ConditionTypes.Progressing, ConditionStatus.False, ConditionReasons.InvalidSpec, "the spec must be fixed first", generation, now));
        if (ConditionList.Find(conditions, ConditionTypes.Degraded) is null)
        {
            conditions = ConditionList.Set(conditions, Condition(ConditionTypes.Degraded, ConditionStatus.False, ConditionReasons.AsExpected, "no failure", generation, now));
        }
        return previous with { ObservedGeneration = generation, Phase = PipelinePhase.Failed, Conditions = conditions };
    }

    /// <summary>status.steps: every step in spec order with its models as routed (the spec's version until one is).</summary>
    public static IReadOnlyList<PipelineStepStatus> Steps(PipelineSpec spec, PipelinePlan plan)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(plan);
        return [.. spec.Steps.Select(step =>
        {
            var models = plan.Models.Where(m => m.Model.Step == step.Name).ToList();
            return new PipelineStepStatus
            {
                Name = step.Name,
                Ready = models.All(m => m.Ready),
                Models = models.Count == 0 ? null : [.. models.Select(m => new StepModelStatus
                {
                    Name = m.Model.Name,
                    Version = m.Route?.Version ?? m.Model.Inline?.Version,
                    ModelDeployment = m.Model.ModelDeployment,
                    Ready = m.Ready,
                })],
            };
        })];
    }

    /// <summary>Whether the table in force is the one the plan asks for (else a write is on its way or was held back).</summary>
    private static bool SameContentAsPlan(PipelineStatusFacts facts) =>
        facts.Plan.Table is { } planned && facts.Table is { } table && RoutingTables.SameContent(planned, table);

    private static string Problems(IEnumerable<PlannedModel> models, string fallback)
    {
        var problems = models.Select(m => m.Problem).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return problems.Count == 0 ? fallback : string.Join("; ", problems);
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
