using System.ComponentModel;
using Modelship.Api.Conditions;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>The observed state of a <see cref="Pipeline"/>, written by the operator.</summary>
public sealed record PipelineStatus
{
    /// <summary>The metadata.generation this status describes.</summary>
    [Description("ObservedGeneration is the metadata.generation this status was computed from.")]
    public long? ObservedGeneration { get; init; }

    /// <summary>Coarse lifecycle state, for people; automation should read the conditions.</summary>
    [Description("Phase is a one-word summary for people: Pending, Deploying, Active or Failed. Automation should read the conditions.")]
    public PipelinePhase? Phase { get; init; }

    /// <summary>The latest observations, one per condition type.</summary>
    [Description("Conditions are the latest observations, one per type: Ready, Progressing and Degraded. An invalid spec is Ready=False with reason InvalidSpec and a message naming the step.")]
    [ListMapKeys("type")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    /// <summary>One entry per step, in spec order.</summary>
    [Description("Steps report each step's resolved models, their versions and readiness, in spec order.")]
    [ListMapKeys("name")]
    [MaxItems(PipelineDefaults.MaxSteps)]
    public IReadOnlyList<PipelineStepStatus>? Steps { get; init; }

    /// <summary>Ready steps over steps, such as <c>3/3</c>.</summary>
    [Description("StepSummary is \"<ready steps>/<steps>\", such as 3/3, shown in the Steps column of kubectl get.")]
    public string? StepSummary { get; init; }

    /// <summary>In-cluster URL of the V2 endpoint.</summary>
    [Description("Endpoint is the in-cluster base URL of the pipeline's Open Inference Protocol V2 endpoint, such as http://fraud.default.svc:8080/v2/models/fraud.")]
    public string? Endpoint { get; init; }

    /// <summary>Generation of the newest routing table the operator wrote.</summary>
    [Description("RoutingGeneration is the generation of the newest routing table (with the pipeline's steps) the operator wrote.")]
    public long? RoutingGeneration { get; init; }

    /// <summary>Lowest routing table generation that every ready router serves.</summary>
    [Description("ServedGeneration is the lowest routing table generation served by all ready routers; a spec change is in effect everywhere when it reaches routingGeneration.")]
    public long? ServedGeneration { get; init; }
}
