namespace Modelship.Api.Routing;

/// <summary>A named CEL expression over the current tensors that must be true.</summary>
public sealed record StepValidation
{
    /// <summary>Name of the check; the failure metric's <c>validation</c> label.</summary>
    public required string Name { get; init; }

    /// <summary>CEL over <c>outputs</c> and <c>inputs</c> (<see cref="Validation.CelExpressions"/>).</summary>
    public required string Expression { get; init; }
}
