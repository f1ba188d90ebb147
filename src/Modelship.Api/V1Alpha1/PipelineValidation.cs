using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>One named check.</summary>
public sealed record PipelineValidation
{
    /// <summary>Name of the check; metrics and logs name it.</summary>
    [Description("Name of the check, unique within the step (a DNS label); the check failure metric, the log and the answer name it.")]
    [Length(1, 63)]
    [Pattern(BackendName.Pattern)]
    public required string Name { get; init; }

    /// <summary>CEL expression that must be true.</summary>
    [Description("Expression is a CEL expression that must evaluate to true; false, another type or an evaluation error (such as a missing tensor) is a failure.")]
    [Length(1, 4096)]
    public required string Expression { get; init; }
}
