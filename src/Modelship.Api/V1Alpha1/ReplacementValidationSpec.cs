using System.ComponentModel;
using Modelship.Api.Defaults;

namespace Modelship.Api.V1Alpha1;

/// <summary>Checks a replacement model must pass.</summary>
public sealed record ReplacementValidationSpec
{
    /// <summary>Whether the new model's inputs and outputs must match the old model's.</summary>
    [Description("RequireSignatureMatch requires the new model's input and output signature (names, data types, shapes) to match the active model's; a mismatch fails the replacement. Defaults to true.")]
    [DefaultValue(ModelDeploymentDefaults.RequireSignatureMatch)]
    public bool? RequireSignatureMatch { get; init; }

    /// <summary>A sample request the new version must answer, compared with the champion's answer.</summary>
    [Description("SamplePrediction sends a sample V2 inference request to the new version (and to the champion, with a tolerance) before it takes traffic; an error, or outputs outside the tolerance, fail the replacement.")]
    public SamplePredictionSpec? SamplePrediction { get; init; }
}
