using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>Where the drift reference profile comes from: a ConfigMap key, or a file fetched like the model.</summary>
public sealed record DriftReference
{
    /// <summary>A key of a ConfigMap in the ModelDeployment's namespace.</summary>
    [Description("ConfigMap is a key of a ConfigMap in the ModelDeployment's namespace holding the profile JSON, mounted read-only into the router Pods. Not available to modelship run.")]
    public ConfigMapKeyReference? ConfigMap { get; init; }

    /// <summary>A profile file next to the model.</summary>
    [Description("Uri is the profile JSON's location, with the same schemes as spec.model.uri (such as s3://bucket/iris/profile.json); an init container of the router Pod fetches it with modelship fetch. modelship run reads file:///path or file://./path relative to the manifest.")]
    [Length(1)]
    public string? Uri { get; init; }
}
