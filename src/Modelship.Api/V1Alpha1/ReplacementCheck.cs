using System.ComponentModel;

namespace Modelship.Api.V1Alpha1;

/// <summary>The result of one replacement check.</summary>
public sealed record ReplacementCheck
{
    /// <summary>Check result.</summary>
    [Description("Status of the check: passing, warning or failing.")]
    public required ValidationResult Status { get; init; }

    /// <summary>What was found, for people.</summary>
    [Description("Message explains the result to people.")]
    public string? Message { get; init; }
}
