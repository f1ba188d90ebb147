using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.Pipeline;

/// <summary>One model a step names: the step, the model's effective name and the model itself.</summary>
public sealed record StepModelRef(string Step, string Name, StepModel Model)
{
    /// <summary>The referenced ModelDeployment's name; null for an inline model.</summary>
    public string? ModelDeployment => Model.ModelDeploymentRef?.Name;

    public InlineModelSpec? Inline => Model.Model;
}

/// <summary>Pure: the models a Pipeline spec names, step by step, and the ModelDeployments it refers to.</summary>
public static class PipelineModels
{
    /// <summary>The models of <paramref name="step"/> in the order the routing table lists them (none for steps without models).</summary>
    public static IReadOnlyList<StepModelRef> Of(PipelineStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        IEnumerable<StepModel> models = step.Model is { } model ? [model]
            : step.MultiModel?.Models ?? step.KeySplit?.Models ?? step.RandomSplit?.Models
            ?? (step.ShadowDeploy is { } shadow ? [shadow.Champion, .. shadow.Challengers] : []);
        return [.. models.Where(m => m is not null).Select(m => new StepModelRef(step.Name, m.EffectiveName(step.Name), m))];
    }

    /// <summary>Every model of every step, in spec order.</summary>
    public static IReadOnlyList<StepModelRef> Of(PipelineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return [.. (spec.Steps ?? []).Where(s => s is not null).SelectMany(Of)];
    }

    /// <summary>The names of the ModelDeployments <paramref name="spec"/> refers to (the index that maps a ModelDeployment's change to the Pipelines that use it).</summary>
    public static IReadOnlySet<string> ReferencedModelDeployments(PipelineSpec? spec)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (spec?.Steps is null)
        {
            return names;
        }
        foreach (var model in Of(spec))
        {
            if (model.ModelDeployment is { Length: > 0 } name)
            {
                names.Add(name);
            }
        }
        return names;
    }
}
