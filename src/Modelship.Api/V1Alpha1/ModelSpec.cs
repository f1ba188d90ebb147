using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>Where a model version comes from and how to serve it.</summary>
public sealed record ModelSpec
{
    /// <summary>Accepted URI schemes; the controller fetches only those in <see cref="Validation.ModelUriSchemes.Fetchable"/>.</summary>
    public const string UriPattern = "^(file|pvc|http|https|s3)://.+$";

    /// <summary>Location of the model file or archive.</summary>
    [Description("URI of the model file or archive: file:///path (on the node or image), pvc://claim/path, http(s)://host/path or s3://bucket/key. s3 is accepted but not yet fetched; the controller reports it in the Ready condition.")]
    [Pattern(UriPattern)]
    public required string Uri { get; init; }

    /// <summary>Model format; decides whether the built-in runtime can serve it.</summary>
    [Description("Format of the model: onnx (served by the built-in runtime or a custom one) or custom (served by spec.runtime.image, the ServingRuntime named in spec.runtime.name, or the one ServingRuntime that auto-selects format custom). Defaults to onnx.")]
    [DefaultValue(ModelDeploymentDefaults.Format)]
    public ModelFormat? Format { get; init; }

    /// <summary>Version label, unique among the versions of this deployment; recorded in status and history.</summary>
    [Description("Version of the model, such as v3 or 2024-05-01: 1-63 letters, digits, dots, dashes or underscores, starting and ending with a letter or digit. It names the version in responses, labels, status and history, and must be unique among the champion, challengers and shadows.")]
    [Length(1, 63)]
    [Pattern("^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")]
    public required string Version { get; init; }

    /// <summary>Expected SHA-256 of the downloaded file or archive.</summary>
    [Description("SHA256 is the expected lowercase hex SHA-256 digest of the model file or archive; the fetch fails on a mismatch.")]
    [Pattern("^[a-f0-9]{64}$")]
    public string? Sha256 { get; init; }
}
