using System.ComponentModel;

namespace Modelship.Api.V1Alpha1;

/// <summary>A model version the operator serves or is rolling out.</summary>
public sealed record ModelVersionStatus
{
    /// <summary>Version label from the spec.</summary>
    [Description("Version of the model.")]
    public required string Version { get; init; }

    /// <summary>Where the model came from.</summary>
    [Description("URI the model was fetched from.")]
    public required string Uri { get; init; }

    /// <summary>When the version reached its current state.</summary>
    [Description("Since is when this version became active (activeModel) or started rolling out (pendingModel).")]
    public DateTimeOffset? Since { get; init; }
}
