using Modelship.Api.Defaults;
using Modelship.Api.Runtimes;
using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Validation;

/// <summary>
/// The rules of a ServingRuntime the CRD schema cannot express (or that objects built in code must keep too). A
/// ServingRuntime has no status: the ModelDeployments that use a broken one report these errors. Pure: no I/O.
/// </summary>
public static class ServingRuntimeValidator
{
    public static IReadOnlyList<ValidationError> Validate(ServingRuntimeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new ErrorList();
        var formats = spec.SupportedModelFormats ?? [];
        if (formats.Count == 0)
        {
            errors.Add("spec.supportedModelFormats", "must name at least one model format (onnx or custom)");
        }
        for (var i = 0; i < formats.Count; i++)
        {
            if (!RuntimeSelection.IsFormatName(formats[i].Name))
            {
                errors.Add($"spec.supportedModelFormats[{i}].name", $"'{formats[i].Name}' is not a model format; use onnx or custom");
            }
            if (formats[i].AutoSelect == true && formats[i].Name == ModelDeploymentDefaults.Format)
            {
                errors.Add($"spec.supportedModelFormats[{i}].autoSelect", "onnx models without a runtime are served by the built-in runtime; name this runtime in spec.runtime.name instead");
            }
        }
        if (formats.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            errors.Add("spec.supportedModelFormats", $"names '{duplicate.Key}' twice");
        }
        if ((spec.Protocol ?? ServingRuntimeDefaults.Protocol) != ServingRuntimeDefaults.Protocol)
        {
            errors.Add("spec.protocol", $"'{spec.Protocol}' is not supported; use v2");
        }
        if (string.IsNullOrWhiteSpace(spec.Image))
        {
            errors.Add("spec.image", "is required");
        }
        if (spec.Port is { } port && port is < 1 or > 65535)
        {
            errors.Add("spec.port", $"must be between 1 and 65535 (got {port})");
        }
        CheckPlaceholders("spec.command", spec.Command ?? [], errors);
        CheckPlaceholders("spec.args", spec.Args ?? [], errors);
        var env = spec.Env ?? [];
        for (var i = 0; i < env.Count; i++)
        {
            CheckPlaceholders($"spec.env[{i}].value", [env[i].Value ?? ""], errors);
        }
        return errors.Items;
    }

    private static void CheckPlaceholders(string path, IReadOnlyList<string> values, ErrorList errors)
    {
        for (var i = 0; i < values.Count; i++)
        {
            foreach (var unknown in RuntimePlaceholders.Unknown(values[i]).Distinct(StringComparer.Ordinal))
            {
                errors.Add(values.Count == 1 && path.EndsWith(".value", StringComparison.Ordinal) ? path : $"{path}[{i}]",
                    $"unknown placeholder {{{{.{unknown}}}}}; use {string.Join(", ", RuntimePlaceholders.Names.Select(n => $"{{{{.{n}}}}}"))}");
            }
        }
    }
}
