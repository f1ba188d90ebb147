using System.ComponentModel;

namespace Modelship.Api.V1Alpha1;

/// <summary>The outcome of the checks a replacement model went through.</summary>
public sealed record ReplacementValidationStatus
{
    /// <summary>Version that was checked.</summary>
    [Description("Version of the replacement model that was checked.")]
    public string? Version { get; init; }

    /// <summary>Overall result: the worst of the checks.</summary>
    [Description("Status is the overall result, the worst of the checks: passing, warning (replacement allowed) or failing (replacement refused).")]
    public required ValidationResult Status { get; init; }

    /// <summary>Check name to result.</summary>
    [Description("Checks map each check's name (today: signature, the new version's inputs and outputs against the serving one) to its result.")]
    public IReadOnlyDictionary<string, ReplacementCheck>? Checks { get; init; }
}
