using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.Conditions;

/// <summary>One observation of an object's state, shaped like metav1.Condition.</summary>
public sealed record Condition
{
    /// <summary>Condition type, CamelCase; see <see cref="ConditionTypes"/>.</summary>
    [Description("Type of the condition: Ready, Progressing, Degraded or Suspended.")]
    [Length(1, 316)]
    public required string Type { get; init; }

    /// <summary>True, False or Unknown.</summary>
    [Description("Status of the condition: True, False or Unknown.")]
    public required ConditionStatus Status { get; init; }

    /// <summary>The metadata.generation the condition was set from.</summary>
    [Description("ObservedGeneration is the metadata.generation the condition was set from.")]
    [Minimum(0)]
    public long? ObservedGeneration { get; init; }

    /// <summary>When the status last changed; kept when a condition is set again with the same status.</summary>
    [Description("LastTransitionTime is when the status last changed from one value to another.")]
    public required DateTimeOffset LastTransitionTime { get; init; }

    /// <summary>CamelCase reason for the last transition, for machines; see <see cref="ConditionReasons"/>.</summary>
    [Description("Reason is a CamelCase word for machines explaining the status, such as RolloutInProgress.")]
    [Length(1, 1024)]
    [Pattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")]
    public required string Reason { get; init; }

    /// <summary>Details for people.</summary>
    [Description("Message gives details about the status for people.")]
    [Length(0, 32768)]
    public string? Message { get; init; }
}
