using System.Text.Json;
using System.Text.Json.Nodes;
using Modelship.Api.Serialization;
using Modelship.Api.V1Alpha1;
using PipelineResource = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.Operator.Controllers.RefreshSchedule;

/// <summary>
/// Pure: a model step of a Pipeline as a RefreshSchedule's target. Its champion is the step's inline model; a
/// promotion is a JSON merge patch of the Pipeline's spec.steps (a merge patch replaces a list whole, so it carries
/// every step as read, with the step's model uri, version and sha256 changed, and the resourceVersion read, so a
/// concurrent edit of the steps fails with 409 instead of being lost), plus the annotation naming the schedule. The
/// Pipeline controller then replaces the step's model with zero downtime.
/// </summary>
public static class PipelineStepTarget
{
    /// <summary>Why <paramref name="step"/> of <paramref name="pipeline"/> cannot be refreshed, or null when it can.</summary>
    public static string? Problem(PipelineResource? pipeline, string pipelineName, string step)
    {
        if (pipeline is null)
        {
            return $"Pipeline \"{pipelineName}\" does not exist in this namespace";
        }
        var found = pipeline.Spec.Steps.FirstOrDefault(s => s.Name == step);
        if (found is null)
        {
            return $"Pipeline \"{pipelineName}\" has no step \"{step}\"";
        }
        if (found.Model is null)
        {
            return $"step \"{step}\" of Pipeline \"{pipelineName}\" is a {string.Join(", ", found.KindsSet())} step, not a model step";
        }
        return found.Model.Model is null
            ? $"step \"{step}\" of Pipeline \"{pipelineName}\" refers to ModelDeployment \"{found.Model.ModelDeploymentRef?.Name}\": target that ModelDeployment"
            : null;
    }

    /// <summary>The step's inline model as the champion a candidate is compared with; null when the step cannot be a target.</summary>
    public static ModelSpec? Champion(PipelineResource pipeline, string step)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.Spec.Steps.FirstOrDefault(s => s.Name == step)?.Model?.Model?.ToModelSpec();
    }

    public static JsonObject Promote(PipelineResource pipeline, string step, ModelSpec model, string scheduleName)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(model);
        var steps = pipeline.Spec.Steps.Select(s => s.Name == step && s.Model?.Model is { } inline
            ? s with { Model = s.Model with { Model = inline with { Uri = model.Uri, Version = model.Version, Sha256 = model.Sha256 } } }
            : s).ToList();
        var spec = JsonSerializer.SerializeToNode(pipeline.Spec with { Steps = steps }, ModelshipApiJsonContext.Default.PipelineSpec)!.AsObject();
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = pipeline.Metadata.ResourceVersion,
                ["annotations"] = new JsonObject { [TargetModelPatch.PromotedByAnnotation] = scheduleName },
            },
            ["spec"] = new JsonObject { ["steps"] = spec["steps"]!.DeepClone() },
        };
    }
}
