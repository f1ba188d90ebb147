using Modelship.Api.Runtimes;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.Pipeline;

/// <summary>
/// Pure: the ServingRuntime of every inline model of a Pipeline (none for the built-in runtime or an inline image),
/// chosen like a ModelDeployment version's (<see cref="RuntimeSelection"/>), or the first model no runtime can serve.
/// </summary>
public sealed record InlineModelRuntimes(IReadOnlyDictionary<(string Step, string Model), ServingRuntime> Templates, RuntimeChoice.Unservable? Problem)
{
    public static InlineModelRuntimes Select(PipelineSpec spec, IEnumerable<ServingRuntime> available)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var runtimes = available.ToList();
        var templates = new Dictionary<(string, string), ServingRuntime>();
        foreach (var model in PipelineModels.Of(spec).Where(m => m.Inline is not null))
        {
            var path = $"step '{model.Step}' model '{model.Name}'";
            switch (RuntimeSelection.For(model.Inline!.Runtime, model.Inline.ToModelSpec(), path, runtimes))
            {
                case RuntimeChoice.Unservable problem:
                    return new InlineModelRuntimes(templates, problem with { Message = $"{problem.Reason}: {problem.Message}" });
                case RuntimeChoice.Template template:
                    templates[(model.Step, model.Name)] = template.Runtime;
                    break;
            }
        }
        return new InlineModelRuntimes(templates, null);
    }

    public ServingRuntime? For(StepModelRef model) => Templates.GetValueOrDefault((model.Step, model.Name));

    /// <summary>Whether a change to the ServingRuntime named <paramref name="runtimeName"/> can change an inline model of <paramref name="spec"/>.</summary>
    public static bool MayUse(PipelineSpec spec, string? runtimeName)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return PipelineModels.Of(spec).Select(m => m.Inline).OfType<InlineModelSpec>().Any(inline =>
            string.IsNullOrEmpty(inline.Runtime?.Image)
            && (string.IsNullOrEmpty(inline.Runtime?.Name) ? inline.Format == ModelFormat.Custom : inline.Runtime.Name == runtimeName));
    }
}
