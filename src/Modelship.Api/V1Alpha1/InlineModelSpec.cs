using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>A model version a Pipeline deploys itself: where it comes from and the server that serves it.</summary>
public sealed record InlineModelSpec
{
    /// <summary>Location of the model file or archive.</summary>
    [Description("URI of the model file or archive: file:///path (on the node or image), pvc://claim/path, http(s)://host/path or s3://bucket/key. s3 is accepted but not yet fetched.")]
    [Pattern(ModelSpec.UriPattern)]
    public required string Uri { get; init; }

    /// <summary>Model format.</summary>
    [Description("Format of the model: onnx (served by the built-in runtime or a custom one) or custom (served by runtime.image, the ServingRuntime named in runtime.name, or the one ServingRuntime that auto-selects format custom). Defaults to onnx.")]
    [DefaultValue(ModelDeploymentDefaults.Format)]
    public ModelFormat? Format { get; init; }

    /// <summary>Version label.</summary>
    [Description("Version of the model, such as v3: 1-63 letters, digits, dots, dashes or underscores, starting and ending with a letter or digit. The inference log records it for every request the model answers.")]
    [Length(1, 63)]
    [Pattern("^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")]
    public required string Version { get; init; }

    /// <summary>Expected SHA-256 of the downloaded file or archive.</summary>
    [Description("SHA256 is the expected lowercase hex SHA-256 digest of the model file or archive; the fetch fails on a mismatch.")]
    [Pattern("^[a-f0-9]{64}$")]
    public string? Sha256 { get; init; }

    /// <summary>The model server; the built-in ONNX runtime when absent.</summary>
    [Description("Runtime is the model server: an image, or the name of a ServingRuntime. When it names neither, the built-in ONNX runtime serves onnx models and the ServingRuntime that auto-selects format custom serves custom ones.")]
    public RuntimeSpec? Runtime { get; init; }

    /// <summary>The same model as a ModelDeployment's <see cref="ModelSpec"/>, for the checks and builders they share.</summary>
    public ModelSpec ToModelSpec() => new() { Uri = Uri, Format = Format, Version = Version, Sha256 = Sha256 };
}
