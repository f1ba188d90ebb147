using Modelship.IntegrationTests.ModelDeployment;

namespace Modelship.IntegrationTests.Chart;

/// <summary>
/// Renders charts/modelship with hack/helm-render.sh, the `helm template` stand-in (no Helm binary is available on
/// the build machines). Its first run builds the renderer (and may install Debian's Go packages).
/// </summary>
public static class HelmRender
{
    public const string Release = "modelship";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static string RepositoryRoot => ModelDeploymentCrd.RepositoryRoot();

    public static string ChartDirectory => Path.Combine(RepositoryRoot, "charts", "modelship");

    /// <summary>`helm template modelship charts/modelship` with these flags.</summary>
    public static Task<CommandResult> TemplateAsync(params string[] flags) => RunAsync(["template", Release, ChartDirectory, .. flags]);

    /// <summary>The rendered NOTES.txt.</summary>
    public static Task<CommandResult> NotesAsync(params string[] flags) => RunAsync(["notes", Release, ChartDirectory, .. flags]);

    /// <summary>The renderer's own Go tests.</summary>
    public static Task<CommandResult> SelfTestAsync() => RunAsync(["selftest"]);

    /// <summary>Writes a values file into directory and returns its path.</summary>
    public static string WriteValues(string directory, string yaml)
    {
        var path = Path.Combine(directory, $"values-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static Task<CommandResult> RunAsync(IEnumerable<string> arguments) =>
        CommandLine.RunAsync("/bin/bash", [Path.Combine(RepositoryRoot, "hack", "helm-render.sh"), .. arguments], Timeout);
}
