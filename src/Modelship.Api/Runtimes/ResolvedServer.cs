using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Runtimes;

/// <summary>A ServingRuntime made concrete for one model version: placeholders expanded, the object's env added.</summary>
public sealed record ResolvedServer
{
    public required string RuntimeName { get; init; }

    public required string Image { get; init; }

    public IReadOnlyList<string>? Command { get; init; }

    public IReadOnlyList<string>? Args { get; init; }

    public required IReadOnlyList<EnvironmentVariable> Env { get; init; }

    public required int Port { get; init; }

    /// <summary>The ServingRuntime's default resources (the object's spec.resources replace them).</summary>
    public ComputeResources? Resources { get; init; }

    /// <summary>
    /// <paramref name="runtime"/> for one version: command, args and env values expanded with <paramref name="values"/>
    /// (whose port should be <see cref="PortOf"/>), then <paramref name="overrides"/>' env added (same name: replaced).
    /// </summary>
    public static ResolvedServer From(ServingRuntime runtime, RuntimeSpec? overrides, RuntimePlaceholderValues values)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(values);
        var spec = runtime.Spec;
        var env = (spec.Env ?? []).Select(e => e with { Value = RuntimePlaceholders.Expand(e.Value ?? "", values) }).ToList();
        foreach (var extra in overrides?.Env ?? [])
        {
            env.RemoveAll(e => e.Name == extra.Name);
            env.Add(extra);
        }
        return new ResolvedServer
        {
            RuntimeName = runtime.Metadata.Name ?? "",
            Image = spec.Image,
            Command = spec.Command?.Select(c => RuntimePlaceholders.Expand(c, values)).ToList(),
            Args = spec.Args?.Select(a => RuntimePlaceholders.Expand(a, values)).ToList(),
            Env = env,
            Port = PortOf(runtime),
            Resources = spec.Resources,
        };
    }

    public static int PortOf(ServingRuntime runtime) => runtime?.Spec.Port ?? Defaults.ModelDeploymentDefaults.RuntimePort;
}
