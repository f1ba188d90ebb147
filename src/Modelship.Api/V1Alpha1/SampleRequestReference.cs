using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>The ConfigMap key that holds a sample inference request.</summary>
public sealed record SampleRequestReference
{
    [Description("Name of the ConfigMap, in the ModelDeployment's namespace.")]
    [Length(1, 253)]
    public required string Name { get; init; }

    [Description("Key of the ConfigMap that holds the request JSON. Defaults to request.json.")]
    [Length(1, 253)]
    [DefaultValue(ModelDeploymentDefaults.SampleRequestKey)]
    public string? Key { get; init; }
}
