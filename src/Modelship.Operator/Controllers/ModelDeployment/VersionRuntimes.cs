using Modelship.Api.Routing;
using Modelship.Api.Runtimes;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>
/// Pure: the ServingRuntime of every version a ModelDeployment's spec names (none for the built-in runtime or an
/// inline image), or the first version no runtime can serve (<see cref="Problem"/>).
/// </summary>
public sealed record VersionRuntimes(IReadOnlyDictionary<string, ServingRuntime> Templates, RuntimeChoice.Unservable? Problem)
{
    public static VersionRuntimes Select(ModelDeploymentSpec spec, IEnumerable<ServingRuntime> available)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var runtimes = available.ToList();
        var templates = new Dictionary<string, ServingRuntime>(StringComparer.Ordinal);
        foreach (var backend in ModelBackend.FromSpec(spec))
        {
            switch (RuntimeSelection.For(spec.Runtime, backend.Model, PathOf(spec, backend), runtimes))
            {
                case RuntimeChoice.Unservable problem:
                    return new VersionRuntimes(templates, problem);
                case RuntimeChoice.Template template:
                    templates[backend.Model.Version] = template.Runtime;
                    break;
            }
        }
        return new VersionRuntimes(templates, null);
    }

    /// <summary>The ServingRuntime serving <paramref name="version"/>, or null for the built-in runtime or an inline image.</summary>
    public ServingRuntime? For(string version) => Templates.GetValueOrDefault(version);

    /// <summary>
    /// Whether a change to the ServingRuntime named <paramref name="runtimeName"/> can change what <paramref name="spec"/>
    /// deploys: it names it, or it has a custom version that a ServingRuntime may be auto-selected for.
    /// </summary>
    public static bool MayUse(ModelDeploymentSpec spec, string? runtimeName)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!string.IsNullOrEmpty(spec.Runtime?.Image))
        {
            return false;
        }
        return !string.IsNullOrEmpty(spec.Runtime?.Name)
            ? spec.Runtime.Name == runtimeName
            : ModelBackend.FromSpec(spec).Any(b => b.Model.Format == ModelFormat.Custom);
    }

    /// <summary>Where a backend's model is in the spec, for messages: <c>spec.model</c>, <c>spec.traffic.challengers[1].model</c>.</summary>
    public static string PathOf(ModelDeploymentSpec spec, ModelBackend backend) => backend.Role switch
    {
        BackendRole.Champion => "spec.model",
        BackendRole.Challenger => $"spec.traffic.challengers[{IndexOf(spec.Traffic?.Challengers?.Select(c => c.Name), backend.Name)}].model",
        _ => $"spec.traffic.shadows[{IndexOf(spec.Traffic?.Shadows?.Select(s => s.Name), backend.Name)}].model",
    };

    private static int IndexOf(IEnumerable<string>? names, string name) => (names ?? []).TakeWhile(n => n != name).Count();
}
