using System.ComponentModel;

namespace Modelship.Api.V1Alpha1;

/// <summary>Why the champion is replaced and what a replacement must pass.</summary>
public sealed record ReplacementSpec
{
    /// <summary>Reason recorded in the history when spec.model changes.</summary>
    [Description("Reason for replacing the champion, recorded in status.history: ACCURACY, DATA_DRIFT, ERRORS, SCHEDULED_REFRESH, SCORING_SPEED or OTHER.")]
    public ReplacementReason? Reason { get; init; }

    /// <summary>Checks the new model must pass before it takes traffic.</summary>
    [Description("Validation lists the checks a new champion must pass before it takes traffic; results appear in status.replacementValidation.")]
    public ReplacementValidationSpec? Validation { get; init; }
}
