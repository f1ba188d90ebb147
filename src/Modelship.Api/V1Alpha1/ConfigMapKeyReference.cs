using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>A key of a ConfigMap in the same namespace.</summary>
public sealed record ConfigMapKeyReference
{
    [Description("Name of the ConfigMap, in the ModelDeployment's namespace.")]
    [Length(1, 253)]
    public required string Name { get; init; }

    [Description("Key of the ConfigMap that holds the profile JSON. Defaults to profile.json.")]
    [Length(1, 253)]
    [DefaultValue(ModelDeploymentDefaults.DriftReferenceKey)]
    public string? Key { get; init; }
}
