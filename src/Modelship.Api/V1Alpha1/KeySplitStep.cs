using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>Runs the model that a key's value selects.</summary>
public sealed record KeySplitStep
{
    /// <summary>The key.</summary>
    [Description("MetaKey is the value that selects the model.")]
    public required MetaKey MetaKey { get; init; }

    /// <summary>The models the options and default refer to.</summary>
    [Description("Models are the models options and default choose from; their names are unique within the step.")]
    public required IReadOnlyList<StepModel> Models { get; init; }

    /// <summary>Key value to model.</summary>
    [Description("Options map exact key values (case-sensitive) to the model that answers them.")]
    [ListMapKeys("value")]
    public IReadOnlyList<KeySplitOption>? Options { get; init; }

    /// <summary>The model for other values.</summary>
    [Description("Default is the name of the model for requests whose key is missing or has no option.")]
    [Length(1)]
    public required string Default { get; init; }
}
