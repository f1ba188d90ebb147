using Modelship.Api.Validation;

namespace Modelship.Api.Routing;

/// <summary>
/// The invariants of a pipeline routing table, each broken one reported as a sentence that names the step. A
/// pipeline table has no backends, sticky key, key split or prediction bounds of its own: its steps say it all.
/// </summary>
public static class RoutingPipelineValidator
{
    public static void Validate(RoutingTable table, RoutingPipeline pipeline, List<string> errors)
    {
        if ((table.Backends?.Count ?? 0) > 0 || table.StickyKey is not null || table.KeySplit is not null || (table.PredictionWarnings?.Count ?? 0) > 0)
        {
            errors.Add("a pipeline table has no backends, stickyKey, keySplit or predictionWarnings of its own; its steps name their models");
        }
        var steps = pipeline.Steps ?? [];
        if (steps.Count == 0)
        {
            errors.Add("pipeline.steps must not be empty");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step is null)
            {
                errors.Add($"pipeline.steps[{i}] must not be null");
                continue;
            }
            var label = string.IsNullOrWhiteSpace(step.Name) ? $"pipeline.steps[{i}]" : $"step '{step.Name}'";
            if (string.IsNullOrWhiteSpace(step.Name))
            {
                errors.Add($"{label}: name must not be empty");
            }
            else if (!names.Add(step.Name))
            {
                errors.Add($"{label}: name is used by more than one step");
            }
            if (!Enum.IsDefined(step.Kind))
            {
                errors.Add($"{label}: kind must be model, multiModel, keySplit, randomSplit, shadowDeploy, audit, select or validations");
                continue;
            }
            ValidateStep(label, step, table.Log is not null, errors);
        }
    }

    private static void ValidateStep(string label, RoutingStep step, bool logs, List<string> errors)
    {
        foreach (var (input, tensor) in step.InputMap ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(input) || string.IsNullOrWhiteSpace(tensor))
            {
                errors.Add($"{label}: inputMap maps '{input}' to '{tensor}'; both names must be non-empty");
            }
        }
        var models = ValidateModels(label, step.Models ?? [], errors);
        if (step.PredictionDefaults is { } defaults)
        {
            if (step.Kind is StepKind.Audit or StepKind.Select or StepKind.Validations)
            {
                errors.Add($"{label}: predictionDefaults apply only to steps that call models");
            }
            errors.AddRange(defaults.Problems($"{label}: predictionDefaults"));
        }
        (int Min, int Max) wanted = step.Kind switch
        {
            StepKind.Model => (1, 1),
            StepKind.MultiModel => (2, int.MaxValue),
            StepKind.KeySplit or StepKind.RandomSplit => (1, int.MaxValue),
            StepKind.ShadowDeploy => (2, int.MaxValue),
            _ => (0, 0),
        };
        if (models.Count < wanted.Min || models.Count > wanted.Max)
        {
            errors.Add(wanted.Max == 0
                ? $"{label}: a {step.Kind} step has no models (got {models.Count})"
                : $"{label}: a {step.Kind} step needs {(wanted.Min == wanted.Max ? "exactly" : "at least")} {wanted.Min} model(s) (got {models.Count})");
        }
        switch (step.Kind)
        {
            case StepKind.MultiModel when !Enum.IsDefined(step.Combine):
                errors.Add($"{label}: combine must be concat, mean, vote or first");
                break;
            case StepKind.KeySplit:
                ValidateKey(label, step.Key, required: true, errors);
                foreach (var (value, target) in step.Routes ?? new Dictionary<string, string>())
                {
                    CheckModel($"{label}: routes['{value}']", target, models, errors);
                }
                CheckModel($"{label}: default", step.Default, models, errors);
                break;
            case StepKind.RandomSplit:
                ValidateKey(label, step.Key, required: false, errors);
                foreach (var model in step.Models ?? [])
                {
                    if (model?.Weight is < 1 or > 1000)
                    {
                        errors.Add($"{label}: model '{model.Name}' needs a weight between 1 and 1000 (got {model.Weight})");
                    }
                }
                break;
            case StepKind.ShadowDeploy:
                CheckModel($"{label}: champion", step.Champion, models, errors);
                break;
            case StepKind.Audit when !TensorSlice.TryParse(step.Slice, out _):
                errors.Add($"{label}: slice '{step.Slice}' is not a slice such as 1:3, 2:, :-1 or :");
                break;
            case StepKind.Audit when !logs:
                errors.Add($"{label}: an audit step logs, so the table needs log settings");
                break;
            case StepKind.Select when step.Index < 0:
                errors.Add($"{label}: index must not be negative (got {step.Index})");
                break;
            case StepKind.Validations:
                ValidateChecks(label, step.Validations ?? [], errors);
                break;
            default:
                break;
        }
    }

    private static HashSet<string> ValidateModels(string label, IReadOnlyList<StepBackend> models, List<string> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < models.Count; i++)
        {
            var model = models[i];
            if (model is null)
            {
                errors.Add($"{label}: models[{i}] must not be null");
                continue;
            }
            var where = string.IsNullOrWhiteSpace(model.Name) ? $"{label}: models[{i}]" : $"{label}: model '{model.Name}'";
            if (string.IsNullOrWhiteSpace(model.Name))
            {
                errors.Add($"{where}: name must not be empty");
            }
            else if (!names.Add(model.Name))
            {
                errors.Add($"{where}: name is used by more than one model of the step");
            }
            if (string.IsNullOrWhiteSpace(model.Version))
            {
                errors.Add($"{where}: version must not be empty");
            }
            if (string.IsNullOrWhiteSpace(model.ModelName))
            {
                errors.Add($"{where}: modelName must not be empty");
            }
            if (!Uri.TryCreate(model.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{where}: url must be an absolute http or https URL (got '{model.Url}')");
            }
        }
        return names;
    }

    private static void ValidateKey(string label, StepKey? key, bool required, List<string> errors)
    {
        if (key is null)
        {
            if (required)
            {
                errors.Add($"{label}: key is required");
            }
            return;
        }
        if (!Enum.IsDefined(key.Source))
        {
            errors.Add($"{label}: key.source must be input, header or parameter");
        }
        if (string.IsNullOrWhiteSpace(key.Name))
        {
            errors.Add($"{label}: key.name must not be empty");
        }
        if (key.Index < 0)
        {
            errors.Add($"{label}: key.index must not be negative (got {key.Index})");
        }
    }

    private static void ValidateChecks(string label, IReadOnlyList<StepValidation> checks, List<string> errors)
    {
        if (checks.Count == 0)
        {
            errors.Add($"{label}: validations must not be empty");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var check in checks)
        {
            if (check is null || string.IsNullOrWhiteSpace(check.Name))
            {
                errors.Add($"{label}: every validation needs a name");
                continue;
            }
            if (!names.Add(check.Name))
            {
                errors.Add($"{label}: validation '{check.Name}' is named twice");
            }
            if (!CelExpressions.TryCompile(check.Expression ?? "", out _, out var problem))
            {
                errors.Add($"{label}: validation '{check.Name}': the CEL expression {problem}");
            }
        }
    }

    private static void CheckModel(string field, string? name, HashSet<string> models, List<string> errors)
    {
        if (name is null || !models.Contains(name))
        {
            errors.Add($"{field} names model '{name}', which is not one of the step's models");
        }
    }
}
