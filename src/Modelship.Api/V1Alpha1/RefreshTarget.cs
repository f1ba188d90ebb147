using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>The deployment a <see cref="RefreshSchedule"/> keeps up to date.</summary>
public sealed record RefreshTarget
{
    [Description("ModelDeployment is the name of a ModelDeployment in the RefreshSchedule's namespace; a promoted candidate becomes its spec.model. A model step of a Pipeline is not yet supported as a target.")]
    [Length(1, 253)]
    public required string ModelDeployment { get; init; }
}
