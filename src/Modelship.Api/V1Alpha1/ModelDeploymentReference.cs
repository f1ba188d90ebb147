using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>A ModelDeployment in the referring object's namespace.</summary>
public sealed record ModelDeploymentReference
{
    /// <summary>The ModelDeployment's metadata.name.</summary>
    [Description("Name of the ModelDeployment.")]
    [Length(1, 253)]
    public required string Name { get; init; }
}
