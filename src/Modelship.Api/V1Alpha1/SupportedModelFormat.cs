using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>One model format a <see cref="ServingRuntime"/> serves.</summary>
public sealed record SupportedModelFormat
{
    /// <summary>A <see cref="ModelFormat"/> name: onnx or custom.</summary>
    [Description("Name of the model format, as spec.model.format spells it: onnx or custom.")]
    [Pattern("^(onnx|custom)$")]
    public required string Name { get; init; }

    /// <summary>Informational, as in KServe; Modelship's model specs carry no format version.</summary>
    [Description("Version of the format, for people (Modelship's model specs carry no format version, so it does not take part in selection).")]
    [Length(1)]
    public string? Version { get; init; }

    /// <summary>Whether a version of this format may get this runtime without naming it.</summary>
    [Description("AutoSelect lets a model version of this format that names no runtime (spec.runtime without name or image) be served by this runtime. Only for format custom: onnx models without a runtime are served by the built-in runtime. Defaults to false.")]
    [DefaultValue(false)]
    public bool? AutoSelect { get; init; }
}
