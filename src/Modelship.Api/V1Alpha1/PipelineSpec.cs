using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>The desired state of a <see cref="Pipeline"/>.</summary>
public sealed record PipelineSpec
{
    /// <summary>The steps, run in order.</summary>
    [Description("Steps are run in order for every request; the first step gets the request's inputs, each later step the previous step's outputs, and the last step's outputs are the answer. Step names are unique.")]
    [ListMapKeys("name")]
    [MaxItems(PipelineDefaults.MaxSteps)]
    public required IReadOnlyList<PipelineStep> Steps { get; init; }

    /// <summary>Inference log settings.</summary>
    [Description("Monitoring configures the inference log: one entry per request with every step's inputs, outputs, models and versions, and failed validations.")]
    public PipelineMonitoringSpec? Monitoring { get; init; }

    /// <summary>Bearer-token authentication of the endpoint.</summary>
    [Description("Auth requires callers of the Pipeline's endpoint to authenticate; open to every caller that reaches the Service when absent (docs/auth.md).")]
    public AuthSpec? Auth { get; init; }
}
