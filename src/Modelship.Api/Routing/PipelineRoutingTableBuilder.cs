using Modelship.Api.Defaults;
using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Routing;

/// <summary>Where a step's model answers, as the caller resolved it.</summary>
/// <param name="Url">Base URL of the V2 server: a model server for an inline model, a ModelDeployment's router for a reference.</param>
/// <param name="ModelName">Name of the model on that server.</param>
/// <param name="Version">The version expected to answer.</param>
public sealed record ResolvedStepModel(string Url, string ModelName, string Version);

/// <summary>
/// The routing table a router serves for a Pipeline: its steps with every model resolved to a V2 server. Pure: the
/// caller resolves models (the controller to Services, <c>modelship run</c> to local ports) and says which generation
/// this is. The spec must be valid (<see cref="Validation.PipelineValidator"/>).
/// </summary>
public static class PipelineRoutingTableBuilder
{
    /// <param name="name">The Pipeline's name, which callers use as the model name.</param>
    /// <param name="generation">The table's generation.</param>
    /// <param name="spec">A valid Pipeline spec.</param>
    /// <param name="resolve">Where a model (by step name and the model) answers.</param>
    public static RoutingTable Build(string name, long generation, PipelineSpec spec, Func<string, StepModel, ResolvedStepModel> resolve)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(resolve);
        var steps = spec.Steps.Select(step => Step(step, resolve)).ToList();
        return new RoutingTable
        {
            Generation = generation,
            ModelName = name,
            Pipeline = new RoutingPipeline { Steps = steps },
            Log = LogOf(spec.Monitoring, audits: steps.Any(s => s.Kind == StepKind.Audit)),
        };
    }

    private static InferenceLogSettings? LogOf(PipelineMonitoringSpec? monitoring, bool audits)
    {
        if (monitoring?.CollectPredictions == true)
        {
            return new InferenceLogSettings { SampleRate = monitoring.SampleRate ?? PipelineDefaults.SampleRate };
        }
        // Audit steps log their slices even when predictions are not collected: nothing else, not even failures.
        return audits ? new InferenceLogSettings { SampleRate = 0, LogFailures = false, IncludeInputs = false, IncludeOutputs = false } : null;
    }

    private static RoutingStep Step(PipelineStep step, Func<string, StepModel, ResolvedStepModel> resolve)
    {
        StepBackend Backend(StepModel model, int weight = 0)
        {
            var resolved = resolve(step.Name, model);
            return new StepBackend
            {
                Name = model.EffectiveName(step.Name),
                Version = resolved.Version,
                Url = resolved.Url,
                ModelName = resolved.ModelName,
                Weight = weight,
            };
        }

        var routing = new RoutingStep
        {
            Name = step.Name,
            Kind = StepKind.Model,
            InputMap = step.InputMap is { Count: > 0 } map ? map : null,
            PredictionDefaults = ParameterDefaults.From(step.PredictionDefaults),
        };
        if (step.Model is { } model)
        {
            return routing with { Models = [Backend(model)] };
        }
        if (step.MultiModel is { } multi)
        {
            return routing with { Kind = StepKind.MultiModel, Models = [.. multi.Models.Select(m => Backend(m))], Combine = CombineOf(multi.Combine) };
        }
        if (step.KeySplit is { } keySplit)
        {
            return routing with
            {
                Kind = StepKind.KeySplit,
                Models = [.. keySplit.Models.Select(m => Backend(m))],
                Key = KeyOf(keySplit.MetaKey),
                Routes = (keySplit.Options ?? []).ToDictionary(o => o.Value, o => o.Model, StringComparer.Ordinal),
                Default = keySplit.Default,
            };
        }
        if (step.RandomSplit is { } randomSplit)
        {
            var weights = randomSplit.Options.ToDictionary(o => o.Model, o => o.Weight, StringComparer.Ordinal);
            return routing with
            {
                Kind = StepKind.RandomSplit,
                // Models without an option never answer; leaving them out keeps every weight positive.
                Models = [.. randomSplit.Models.Where(m => weights.ContainsKey(m.EffectiveName(step.Name))).Select(m => Backend(m, weights[m.EffectiveName(step.Name)]))],
                Key = randomSplit.HashKey is { } hashKey ? KeyOf(hashKey) : null,
            };
        }
        if (step.ShadowDeploy is { } shadow)
        {
            return routing with
            {
                Kind = StepKind.ShadowDeploy,
                Models = [Backend(shadow.Champion), .. shadow.Challengers.Select(m => Backend(m))],
                Champion = shadow.Champion.EffectiveName(step.Name),
            };
        }
        if (step.Audit is { } audit)
        {
            return routing with { Kind = StepKind.Audit, Slice = audit.Slice };
        }
        if (step.Select is { } select)
        {
            return routing with { Kind = StepKind.Select, Index = select.Index };
        }
        var validations = step.Validations ?? throw new ArgumentException($"step '{step.Name}' has no kind; validate the spec first", nameof(step));
        return routing with
        {
            Kind = StepKind.Validations,
            Validations = [.. validations.Checks.Select(c => new StepValidation { Name = c.Name, Expression = c.Expression })],
            RejectOnFailure = validations.OnFailure == ValidationFailureAction.Reject,
        };
    }

    private static StepKey KeyOf(MetaKey key) => new()
    {
        Source = key.Source switch
        {
            MetaKeySource.Input => StepKeySource.Input,
            MetaKeySource.Header => StepKeySource.Header,
            MetaKeySource.Parameter => StepKeySource.Parameter,
            _ => throw new ArgumentOutOfRangeException(nameof(key), key.Source, "unknown meta key source"),
        },
        Name = key.Name,
        Index = key.Index ?? PipelineDefaults.MetaKeyIndex,
    };

    private static StepCombine CombineOf(CombineMode? combine) => combine switch
    {
        null or CombineMode.Concat => StepCombine.Concat,
        CombineMode.Mean => StepCombine.Mean,
        CombineMode.Vote => StepCombine.Vote,
        CombineMode.First => StepCombine.First,
        _ => throw new ArgumentOutOfRangeException(nameof(combine), combine, "unknown combine"),
    };
}
