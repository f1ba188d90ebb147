using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>Named CEL checks over the current tensors.</summary>
public sealed record ValidationsStep
{
    /// <summary>The checks.</summary>
    [Description("Checks are named CEL (Common Expression Language) expressions that must be true. Each tensor is a list of its elements (row-major, flattened) in outputs (the current tensors, by name) and inputs (the request's inputs), as in outputs.probabilities[0] < 0.95 or outputs.label.all(l, l != 3).")]
    [ListMapKeys("name")]
    public required IReadOnlyList<PipelineValidation> Checks { get; init; }

    /// <summary>Log or reject on failure.</summary>
    [Description("OnFailure is Log (answer as usual, with the failed checks in the answer's parameters) or Reject (answer 422 with the failed checks). Defaults to Log.")]
    [DefaultValue(PipelineDefaults.OnFailure)]
    public ValidationFailureAction? OnFailure { get; init; }
}
