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
}
