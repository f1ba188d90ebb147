using Modelship.Api.Defaults;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Validation;

/// <summary>
/// The rules of a Pipeline spec that the CRD schema cannot express (no CEL on the API servers we support), plus the
/// schema's own bounds so specs built in code are checked the same way. Every message names the step. Pure: the
/// caller says which ModelDeployments exist.
/// </summary>
public static class PipelineValidator
{
    /// <param name="spec">The spec to check.</param>
    /// <param name="modelDeploymentExists">Whether a ModelDeployment of the Pipeline's namespace exists; null skips the check.</param>
    public static IReadOnlyList<ValidationError> Validate(PipelineSpec spec, Func<string, bool>? modelDeploymentExists = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new ErrorList();
        var steps = spec.Steps ?? [];
        if (steps.Count == 0)
        {
            errors.Add("spec.steps", "must have at least one step");
        }
        else if (steps.Count > PipelineDefaults.MaxSteps)
        {
            errors.Add("spec.steps", $"has {steps.Count} steps, more than {PipelineDefaults.MaxSteps}");
        }
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var path = $"spec.steps[{i}]";
            if (step is null)
            {
                errors.Add(path, "must not be null");
                continue;
            }
            var label = string.IsNullOrWhiteSpace(step.Name) ? $"step {i}" : $"step '{step.Name}'";
            var checker = new StepChecker(path, label, step.Name ?? "", errors, modelDeploymentExists);
            if (string.IsNullOrWhiteSpace(step.Name))
            {
                checker.Add("name", "is required");
            }
            else if (!DnsNames.IsLabel(step.Name))
            {
                checker.Add("name", "must be a DNS label (1-63 lowercase letters, digits and '-')");
            }
            else if (names.TryGetValue(step.Name, out var first))
            {
                checker.Add("name", $"is also the name of spec.steps[{first}]; step names must be unique");
            }
            else
            {
                names[step.Name] = i;
            }
            checker.CheckStep(step);
            if (step.PredictionDefaults is { } defaults)
            {
                if (step.Model is null && step.MultiModel is null && step.KeySplit is null && step.RandomSplit is null && step.ShadowDeploy is null)
                {
                    checker.Add("predictionDefaults", "applies only to steps that call models (model, multiModel, keySplit, randomSplit, shadowDeploy)");
                }
                PredictionDefaultsValidator.Validate($"{path}.predictionDefaults", defaults, errors);
            }
        }
        if (spec.Monitoring?.SampleRate is { } rate && (double.IsNaN(rate) || rate < 0 || rate > 1))
        {
            errors.Add("spec.monitoring.sampleRate", $"must be between 0 and 1 (got {rate})");
        }
        if (spec.Monitoring?.Storage is { } storage)
        {
            MonitoringValidator.ValidateStorage("spec.monitoring.storage", storage, errors);
        }
        if (spec.Auth is { } auth)
        {
            AuthValidator.Validate(auth, errors);
        }
        return errors.Items;
    }

    /// <summary>The checks of one step; every message starts with the field path and the step's name.</summary>
    private sealed class StepChecker(string path, string label, string stepName, ErrorList errors, Func<string, bool>? modelDeploymentExists)
    {
        public void Add(string field, string problem) => errors.Add(field.Length == 0 ? path : $"{path}.{field}", $"{label}: {problem}");

        public void CheckStep(PipelineStep step)
        {
            var kinds = step.KindsSet();
            if (kinds.Count == 0)
            {
                Add("", $"has no kind; set exactly one of {PipelineStep.KindNames}");
            }
            else if (kinds.Count > 1)
            {
                Add("", $"sets {string.Join(" and ", kinds)}; set exactly one kind");
            }
            foreach (var (input, tensor) in step.InputMap ?? new Dictionary<string, string>())
            {
                if (string.IsNullOrWhiteSpace(input) || string.IsNullOrWhiteSpace(tensor))
                {
                    Add("inputMap", $"maps '{input}' to '{tensor}'; both names must be non-empty");
                }
            }
            if (step.Model is { } model)
            {
                CheckModel("model", model);
            }
            if (step.MultiModel is { } multi)
            {
                CheckMultiModel(multi);
            }
            if (step.KeySplit is { } keySplit)
            {
                CheckKeySplit(keySplit);
            }
            if (step.RandomSplit is { } randomSplit)
            {
                CheckRandomSplit(randomSplit);
            }
            if (step.ShadowDeploy is { } shadow)
            {
                CheckShadowDeploy(shadow);
            }
            if (step.Audit is { } audit && !TensorSlice.TryParse(audit.Slice, out _))
            {
                Add("audit.slice", $"'{audit.Slice}' is not a slice such as 1:3, 2:, :-1 or :");
            }
            if (step.Select is { Index: < 0 } select)
            {
                Add("select.index", $"must not be negative (got {select.Index})");
            }
            if (step.Validations is { } validations)
            {
                CheckValidations(validations);
            }
        }

        private void CheckModel(string field, StepModel? model)
        {
            if (model is null)
            {
                Add(field, "must not be null");
                return;
            }
            if (model.Name is { } name && !DnsNames.IsLabel(name))
            {
                Add($"{field}.name", $"'{name}' must be a DNS label (1-63 lowercase letters, digits and '-')");
            }
            if ((model.ModelDeploymentRef is null) == (model.Model is null))
            {
                Add(field, "set exactly one of modelDeploymentRef and model");
            }
            if (model.ModelDeploymentRef is { } reference)
            {
                if (string.IsNullOrWhiteSpace(reference.Name))
                {
                    Add($"{field}.modelDeploymentRef.name", "is required");
                }
                else if (modelDeploymentExists is not null && !modelDeploymentExists(reference.Name))
                {
                    Add($"{field}.modelDeploymentRef.name", $"ModelDeployment '{reference.Name}' does not exist in the Pipeline's namespace");
                }
            }
            if (model.Model is { } inline)
            {
                var inner = new ErrorList();
                ModelDeploymentValidator.ValidateModel($"{path}.{field}.model", inline.ToModelSpec(), inner);
                ModelDeploymentValidator.ValidateRuntimeName($"{path}.{field}.model.runtime", inline.Runtime, inner);
                foreach (var error in inner.Items)
                {
                    errors.Add(error.Field, $"{label}: {error.Message}");
                }
                if (inline.Runtime?.Port is { } port && port is < 1 or > 65535)
                {
                    Add($"{field}.model.runtime.port", $"must be between 1 and 65535 (got {port})");
                }
            }
        }

        /// <summary>Checks each model and that their effective names are unique; returns those names.</summary>
        private HashSet<string> CheckModels(string field, IReadOnlyList<StepModel>? models, int atLeast)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            models ??= [];
            if (models.Count < atLeast)
            {
                Add(field, $"needs at least {atLeast} model{(atLeast == 1 ? "" : "s")} (got {models.Count})");
            }
            for (var i = 0; i < models.Count; i++)
            {
                CheckModel($"{field}[{i}]", models[i]);
                if (models[i] is { } model && !names.Add(model.EffectiveName(stepName)))
                {
                    Add($"{field}[{i}].name", $"'{model.EffectiveName(stepName)}' names two models of the step; set distinct names");
                }
            }
            return names;
        }

        private void CheckMultiModel(MultiModelStep multi)
        {
            CheckModels("multiModel.models", multi.Models, atLeast: 2);
            if (multi.Combine is { } combine && !Enum.IsDefined(combine))
            {
                Add("multiModel.combine", $"unknown combine '{combine}'; use concat, mean, vote or first");
            }
        }

        private void CheckKeySplit(KeySplitStep keySplit)
        {
            CheckMetaKey("keySplit.metaKey", keySplit.MetaKey);
            var names = CheckModels("keySplit.models", keySplit.Models, atLeast: 1);
            var values = new HashSet<string>(StringComparer.Ordinal);
            var options = keySplit.Options ?? [];
            for (var i = 0; i < options.Count; i++)
            {
                if (!values.Add(options[i].Value ?? ""))
                {
                    Add($"keySplit.options[{i}].value", $"'{options[i].Value}' has more than one option");
                }
                CheckModelName($"keySplit.options[{i}].model", options[i].Model, names);
            }
            CheckModelName("keySplit.default", keySplit.Default, names);
        }

        private void CheckRandomSplit(RandomSplitStep randomSplit)
        {
            var names = CheckModels("randomSplit.models", randomSplit.Models, atLeast: 1);
            var options = randomSplit.Options ?? [];
            if (options.Count == 0)
            {
                Add("randomSplit.options", "needs at least one option");
            }
            var chosen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < options.Count; i++)
            {
                CheckModelName($"randomSplit.options[{i}].model", options[i].Model, names);
                if (!chosen.Add(options[i].Model ?? ""))
                {
                    Add($"randomSplit.options[{i}].model", $"'{options[i].Model}' has more than one option; give it one weight");
                }
                if (options[i].Weight is < 1 or > 1000)
                {
                    Add($"randomSplit.options[{i}].weight", $"must be between 1 and 1000 (got {options[i].Weight})");
                }
            }
            if (randomSplit.HashKey is { } hashKey)
            {
                CheckMetaKey("randomSplit.hashKey", hashKey);
            }
        }

        private void CheckShadowDeploy(ShadowDeployStep shadow)
        {
            CheckModel("shadowDeploy.champion", shadow.Champion);
            var names = CheckModels("shadowDeploy.challengers", shadow.Challengers, atLeast: 1);
            if (shadow.Champion is { } champion && names.Contains(champion.EffectiveName(stepName)))
            {
                Add("shadowDeploy.champion.name", $"'{champion.EffectiveName(stepName)}' is also a challenger's name; set distinct names");
            }
        }

        private void CheckValidations(ValidationsStep validations)
        {
            var checks = validations.Checks ?? [];
            if (checks.Count == 0)
            {
                Add("validations.checks", "needs at least one check");
            }
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < checks.Count; i++)
            {
                var check = checks[i];
                if (string.IsNullOrWhiteSpace(check.Name) || !DnsNames.IsLabel(check.Name))
                {
                    Add($"validations.checks[{i}].name", $"'{check.Name}' must be a DNS label (1-63 lowercase letters, digits and '-')");
                }
                else if (!names.Add(check.Name))
                {
                    Add($"validations.checks[{i}].name", $"'{check.Name}' names two checks of the step");
                }
                if (!CelExpressions.TryCompile(check.Expression ?? "", out _, out var problem))
                {
                    Add($"validations.checks[{i}].expression", $"check '{check.Name}': the CEL expression {problem}");
                }
            }
            if (validations.OnFailure is { } onFailure && !Enum.IsDefined(onFailure))
            {
                Add("validations.onFailure", $"unknown action '{onFailure}'; use Log or Reject");
            }
        }

        private void CheckMetaKey(string field, MetaKey? key)
        {
            if (key is null)
            {
                Add(field, "is required");
                return;
            }
            if (!Enum.IsDefined(key.Source))
            {
                Add($"{field}.source", $"unknown source '{key.Source}'; use input, header or parameter");
            }
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                Add($"{field}.name", "is required");
            }
            if (key.Index is { } index && (index < 0 || key.Source != MetaKeySource.Input))
            {
                Add($"{field}.index", index < 0 ? $"must not be negative (got {index})" : "applies to source input only");
            }
        }

        private void CheckModelName(string field, string? name, HashSet<string> names)
        {
            if (string.IsNullOrWhiteSpace(name) || !names.Contains(name))
            {
                Add(field, $"'{name}' is not one of the step's models ({string.Join(", ", names.Order(StringComparer.Ordinal))})");
            }
        }
    }
}
