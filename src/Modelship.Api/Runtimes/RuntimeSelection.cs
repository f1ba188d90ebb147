using Modelship.Api.Defaults;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;

namespace Modelship.Api.Runtimes;

/// <summary>
/// Decides which model server serves a model version, from the object's spec.runtime, the version's format and the
/// ServingRuntimes of its namespace. Pure: the caller lists the ServingRuntimes (from a cache, or from the manifests
/// of <c>modelship run</c>).
/// </summary>
/// <remarks>
/// Order: spec.runtime.image (inline) wins; then spec.runtime.name (must exist, be valid and serve the format); then
/// onnx goes to the built-in runtime; then the one ServingRuntime whose supportedModelFormats auto-select the format.
/// Two that auto-select the same format are an error rather than a silent pick: creating a second one would
/// otherwise move running models to another server.
/// </remarks>
public static class RuntimeSelection
{
    public static bool IsFormatName(string? name) => name is "onnx" or "custom";

    public static string FormatName(ModelFormat format) => format == ModelFormat.Custom ? "custom" : "onnx";

    /// <param name="runtime">The object's spec.runtime (a ModelDeployment's, or a Pipeline inline model's).</param>
    /// <param name="model">The version to serve.</param>
    /// <param name="modelPath">Where the version is in the spec, for messages (such as <c>spec.traffic.challengers[0].model</c>).</param>
    /// <param name="available">The ServingRuntimes of the object's namespace.</param>
    public static RuntimeChoice For(RuntimeSpec? runtime, ModelSpec model, string modelPath, IEnumerable<ServingRuntime> available)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(available);
        if (!string.IsNullOrEmpty(runtime?.Image))
        {
            return new RuntimeChoice.Inline(runtime);
        }
        var format = FormatName(EffectiveSettings.Format(model));
        var runtimes = available.ToList();
        if (!string.IsNullOrEmpty(runtime?.Name))
        {
            var named = runtimes.FirstOrDefault(r => r.Metadata.Name == runtime.Name);
            if (named is null)
            {
                return new RuntimeChoice.Unservable(RuntimeReasons.RuntimeNotFound, $"spec.runtime.name: ServingRuntime '{runtime.Name}' does not exist in this namespace");
            }
            if (Invalid(named) is { } invalid)
            {
                return invalid;
            }
            return Serves(named, format)
                ? new RuntimeChoice.Template(named, AutoSelected: false)
                : new RuntimeChoice.Unservable(RuntimeReasons.RuntimeUnsuitable,
                    $"{modelPath}.format is {format} but ServingRuntime '{runtime.Name}' serves {string.Join(", ", named.Spec.SupportedModelFormats.Select(f => f.Name))}");
        }
        if (format == ModelDeploymentDefaults.Format)
        {
            return new RuntimeChoice.BuiltIn();
        }
        var candidates = runtimes.Where(r => AutoSelects(r, format)).OrderBy(r => r.Metadata.Name, StringComparer.Ordinal).ToList();
        return candidates.Count switch
        {
            0 => new RuntimeChoice.Unservable(RuntimeReasons.RuntimeNotFound,
                $"{modelPath}.format is {format}: no ServingRuntime in this namespace auto-selects it; name one in spec.runtime.name or set spec.runtime.image"),
            1 => (RuntimeChoice?)Invalid(candidates[0]) ?? new RuntimeChoice.Template(candidates[0], AutoSelected: true),
            _ => new RuntimeChoice.Unservable(RuntimeReasons.RuntimeAmbiguous,
                $"{modelPath}.format is {format} and ServingRuntimes {string.Join(", ", candidates.Select(c => $"'{c.Metadata.Name}'"))} all auto-select it; name one in spec.runtime.name"),
        };
    }

    /// <summary>Whether <paramref name="runtime"/> lists <paramref name="format"/> among its supported model formats.</summary>
    public static bool Serves(ServingRuntime runtime, string format) =>
        (runtime.Spec.SupportedModelFormats ?? []).Any(f => f.Name == format);

    private static bool AutoSelects(ServingRuntime runtime, string format) =>
        (runtime.Spec.SupportedModelFormats ?? []).Any(f => f.Name == format && (f.AutoSelect ?? ServingRuntimeDefaults.AutoSelect));

    private static RuntimeChoice.Unservable? Invalid(ServingRuntime runtime) =>
        ServingRuntimeValidator.Validate(runtime.Spec) is { Count: > 0 } errors
            ? new RuntimeChoice.Unservable(RuntimeReasons.RuntimeInvalid, $"ServingRuntime '{runtime.Metadata.Name}' is invalid: {string.Join("; ", errors.Select(e => e.Message))}")
            : null;
}
