using System.ComponentModel;

namespace Modelship.Api.V1Alpha1;

/// <summary>One champion version in the history of a ModelDeployment.</summary>
public sealed record ModelHistoryEntry
{
    /// <summary>Version label.</summary>
    [Description("Version of the model.")]
    public required string Version { get; init; }

    /// <summary>Where the model came from.</summary>
    [Description("URI the model was fetched from.")]
    public required string Uri { get; init; }

    /// <summary>When it became the champion.</summary>
    [Description("ActivatedAt is when the version became the champion; absent if it never did.")]
    public DateTimeOffset? ActivatedAt { get; init; }

    /// <summary>When it stopped being the champion.</summary>
    [Description("RetiredAt is when the version stopped being the champion; absent while it is active.")]
    public DateTimeOffset? RetiredAt { get; init; }

    /// <summary>Why it replaced its predecessor.</summary>
    [Description("Reason from spec.replacement.reason when this version replaced its predecessor.")]
    public ReplacementReason? Reason { get; init; }

    /// <summary>How its time as champion (or its attempt to become one) ended.</summary>
    [Description("Outcome of the version: Active, Replaced, RolledBack or Failed.")]
    public required HistoryOutcome Outcome { get; init; }

    /// <summary>Details for people.</summary>
    [Description("Message gives details, such as why a rollout was rolled back.")]
    public string? Message { get; init; }
}
