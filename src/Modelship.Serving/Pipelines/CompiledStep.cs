using Modelship.Api.Routing;
using Modelship.Api.Validation;

namespace Modelship.Serving.Pipelines;

/// <summary>
/// A step of the routing table with everything a request needs precomputed: model addresses, the route and weight
/// lookups, the slice and the compiled validations. Built once per table; requests only read it.
/// </summary>
public sealed class CompiledStep
{
    private readonly Dictionary<string, int> _routes;
    private readonly double[] _upperBounds;

    public CompiledStep(string pipeline, RoutingStep step, long generation)
    {
        Step = step;
        Models = [.. step.Models.Select(m => new StepTarget(m, generation))];
        var indexOf = Models.Select((m, i) => (m.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        InputMap = step.InputMap is { Count: > 0 } map ? [.. map.Select(p => (p.Key, p.Value))] : null;
        _routes = step.Routes.ToDictionary(r => r.Key, r => indexOf[r.Value], StringComparer.Ordinal);
        DefaultIndex = step.Default is { } fallback ? indexOf[fallback] : 0;
        ChampionIndex = step.Champion is { } champion ? indexOf[champion] : 0;
        _upperBounds = new double[Models.Length];
        double total = 0;
        for (var i = 0; i < Models.Length; i++)
        {
            total += Math.Max(0, Models[i].Backend.Weight);
            _upperBounds[i] = total;
        }
        Slice = step.Kind == StepKind.Audit && TensorSlice.TryParse(step.Slice, out var slice) ? slice : default;
        Validations = [.. step.Validations.Select(v => Compile(step.Name, v))];
        ValidationsUseInputs = Validations.Any(v => v.UsesInputs);
        ShadowModelLabel = $"{pipeline}/{step.Name}";
    }

    public RoutingStep Step { get; }

    public string Name => Step.Name;

    public StepKind Kind => Step.Kind;

    public StepTarget[] Models { get; }

    /// <summary>Model input name and the current tensor it takes, or null when the step takes every tensor as it is.</summary>
    public (string Input, string Tensor)[]? InputMap { get; }

    public int ChampionIndex { get; }

    public TensorSlice Slice { get; }

    public CompiledValidation[] Validations { get; }

    public bool ValidationsUseInputs { get; }

    /// <summary>The model label of this step's challengers in the shadow metrics and log: <c>pipeline/step</c>.</summary>
    public string ShadowModelLabel { get; }

    /// <summary>keySplit: the model for a key value (the default when there is none or it has no route).</summary>
    public int RouteIndex(string? value) => value is not null && _routes.TryGetValue(value, out var index) ? index : DefaultIndex;

    private int DefaultIndex { get; }

    /// <summary>randomSplit: the model whose share of the summed weights contains <paramref name="percent"/> (in [0, 100)).</summary>
    public int WeightedIndex(double percent)
    {
        var point = percent / 100.0 * _upperBounds[^1];
        for (var i = 0; i < _upperBounds.Length - 1; i++)
        {
            if (point < _upperBounds[i])
            {
                return i;
            }
        }
        return _upperBounds.Length - 1;
    }

    private static CompiledValidation Compile(string step, StepValidation validation)
    {
        if (!CelExpressions.TryCompile(validation.Expression, out var program, out var error))
        {
            throw new RoutingTableException(
                $"step '{step}': validation '{validation.Name}': the CEL expression {error}", [$"step '{step}': validation '{validation.Name}': the CEL expression {error}"]);
        }
        return new CompiledValidation(validation.Name, validation.Expression, program!);
    }
}
