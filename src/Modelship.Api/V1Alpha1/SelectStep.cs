using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>Keeps one tensor.</summary>
public sealed record SelectStep
{
    /// <summary>Position of the tensor to keep.</summary>
    [Description("Index of the current tensor to keep (0 is the first); a request whose step before has fewer tensors fails at this step.")]
    [Minimum(0)]
    public required int Index { get; init; }
}
