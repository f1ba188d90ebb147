using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>One key value and the model that answers it.</summary>
public sealed record KeySplitOption
{
    /// <summary>Exact key value.</summary>
    [Description("Value of the key, compared exactly.")]
    public required string Value { get; init; }

    /// <summary>Name of one of the step's models.</summary>
    [Description("Model is the name of one of the step's models.")]
    [Length(1)]
    public required string Model { get; init; }
}
