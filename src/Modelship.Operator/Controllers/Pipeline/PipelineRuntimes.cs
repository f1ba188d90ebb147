using k8s;
using k8s.Models;
using Modelship.Api.Routing;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.Pipeline.Builders;
using PipelineResource = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.Operator.Controllers.Pipeline;

/// <summary>Pure: which of a Pipeline's model servers are in use, and which may go.</summary>
public static class PipelineRuntimes
{
    /// <summary>
    /// The model server names in use: every inline model's spec version, the version the plan routes, and every
    /// inline model the table in force routes to (its routers may still send requests there).
    /// </summary>
    public static IReadOnlySet<string> InUse(PipelineResource pipeline, PipelinePlan plan, RoutingTable? table)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(plan);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var planned in plan.Models.Where(m => m.Model.Inline is not null))
        {
            names.Add(InlineModelWorkload.Name(pipeline, planned.Model));
            if (planned.Route is { } route)
            {
                names.Add(InlineModelWorkload.Name(pipeline, planned.Model, route.Version));
            }
        }
        foreach (var step in table?.Pipeline?.Steps ?? [])
        {
            foreach (var backend in step.Models ?? [])
            {
                names.Add(ChildNames.PipelineRuntime(pipeline.Metadata.Name!, step.Name, backend.Name, backend.Version));
            }
        }
        return names;
    }

    /// <summary>Whether a child is a Pipeline model server (Deployment or Service) not in <paramref name="inUse"/>.</summary>
    public static bool IsUnused(V1ObjectMeta metadata, IReadOnlySet<string> inUse)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(inUse);
        return metadata.Label(ChildMetadata.ComponentLabel) == ChildOwner.PipelineComponentPrefix + ChildMetadata.RuntimeComponent
            && !inUse.Contains(metadata.Name!);
    }
}
