using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>The deployment a <see cref="RefreshSchedule"/> keeps up to date.</summary>
public sealed record RefreshTarget
{
    [Description("ModelDeployment is the name of a ModelDeployment in the RefreshSchedule's namespace; a promoted candidate becomes its spec.model. Set exactly one of modelDeployment and pipeline.")]
    [Length(1, 253)]
    public string? ModelDeployment { get; init; }

    [Description("Pipeline is a model step of a Pipeline in the RefreshSchedule's namespace with an inline model: a promoted candidate becomes the step's model (uri, version, sha256; format and runtime stay), and the Pipeline replaces it with zero downtime. Promotion is Replace only. To refresh a step that refers to a ModelDeployment, target that ModelDeployment.")]
    public RefreshPipelineTarget? Pipeline { get; init; }
}

/// <summary>A model step of a Pipeline a RefreshSchedule keeps up to date.</summary>
public sealed record RefreshPipelineTarget
{
    [Description("Name of the Pipeline in the RefreshSchedule's namespace.")]
    [Length(1, 253)]
    public required string Name { get; init; }

    [Description("Step is the name of the Pipeline's model step whose inline model is refreshed.")]
    [Length(1, 63)]
    public required string Step { get; init; }
}
