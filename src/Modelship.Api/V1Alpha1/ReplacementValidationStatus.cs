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
    [Description("Checks map each check's name (fetch: the model downloaded and matched spec.model.sha256; format: the runtime loaded it; signature: inputs and outputs match the serving version's; samplePrediction: the sample request was answered, within tolerance of the champion) to its result.")]
    public IReadOnlyDictionary<string, ReplacementCheck>? Checks { get; init; }
}
