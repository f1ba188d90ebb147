using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Modelship.IntegrationTests.ModelDeployment;

namespace Modelship.IntegrationTests.ArgoCD;

/// <summary>What health.lua returns.</summary>
public sealed record ArgoCDHealth(string Status, string Message);

/// <summary>
/// Runs the ModelDeployment customizations of config/argocd/ with Debian's <c>lua5.1</c> (Argo CD runs gopher-lua,
/// Lua 5.1) through run-customization.lua, which gives a script only what Argo CD gives it.
/// </summary>
public static class ArgoCDLua
{
    private const string Interpreter = "/usr/bin/lua5.1";
    private static readonly Lazy<Task> Installed = new(InstallAsync);

    public static string CustomizationsDirectory =>
        Path.Combine(ModelDeploymentCrd.RepositoryRoot(), "config", "argocd", "modelship.dev", "ModelDeployment");

    public static string HealthScript => Path.Combine(CustomizationsDirectory, "health.lua");

    /// <summary>The Pipeline's health check (Pipelines have no actions).</summary>
    public static string PipelineHealthScript =>
        Path.Combine(ModelDeploymentCrd.RepositoryRoot(), "config", "argocd", "modelship.dev", "Pipeline", "health.lua");

    /// <summary>The RefreshSchedule's health check (no actions: suspend is a plain spec field).</summary>
    public static string RefreshScheduleHealthScript =>
        Path.Combine(ModelDeploymentCrd.RepositoryRoot(), "config", "argocd", "modelship.dev", "RefreshSchedule", "health.lua");

    public static string DiscoveryScript => Path.Combine(CustomizationsDirectory, "actions", "discovery.lua");

    public static string ActionScript(string action) => Path.Combine(CustomizationsDirectory, "actions", action, "action.lua");

    /// <summary>The actions defined under actions/, by directory name, sorted.</summary>
    public static IReadOnlyList<string> ActionNames =>
        Directory.GetDirectories(Path.Combine(CustomizationsDirectory, "actions")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public static async Task<ArgoCDHealth> HealthAsync(JsonNode obj, string? script = null)
    {
        var result = (await RunAsync(script ?? HealthScript, obj))!.AsObject();
        result.Select(m => m.Key).Should().BeSubsetOf(["status", "message"], "health.lua returns a table of status and message");
        var health = new ArgoCDHealth((string)result["status"]!, (string?)result["message"] ?? "");
        health.Status.Should().BeOneOf(["Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown"], "Argo CD knows only these");
        return health;
    }

    /// <summary>discovery.lua's answer: action name → enabled.</summary>
    public static async Task<IReadOnlyDictionary<string, bool>> DiscoverAsync(JsonNode obj)
    {
        var result = (await RunAsync(DiscoveryScript, obj))!.AsObject();
        return result.ToDictionary(a => a.Key, a => a.Value?["disabled"]?.GetValue<bool>() != true, StringComparer.Ordinal);
    }

    /// <summary>The object an action returns, which Argo CD turns into a patch (<see cref="ArgoCDActionPatch"/>).</summary>
    public static async Task<JsonObject> ActionAsync(string action, JsonNode obj) => (await RunAsync(ActionScript(action), obj))!.AsObject();

    /// <summary>Runs <paramref name="script"/> with <c>obj</c> set; throws with the script's error when it raises one.</summary>
    public static async Task<JsonNode?> RunAsync(string script, JsonNode obj)
    {
        await Installed.Value;
        var objectFile = Path.Combine(Path.GetTempPath(), $"modelship-argocd-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(objectFile, LuaLiteral.Chunk(obj));
        try
        {
            var (exitCode, stdout, stderr) = await RunProcessAsync(Interpreter, DriverPath(), script, objectFile);
            if (exitCode != 0)
            {
                throw new LuaScriptException($"{Path.GetFileName(Path.GetDirectoryName(script))}/{Path.GetFileName(script)} failed (exit {exitCode}): {stderr.Trim()}");
            }
            return JsonNode.Parse(stdout);
        }
        finally
        {
            File.Delete(objectFile);
        }
    }

    private static string DriverPath([CallerFilePath] string sourcePath = "") => Path.Combine(Path.GetDirectoryName(sourcePath)!, "run-customization.lua");

    /// <summary>Installs lua5.1 through hack/apt-install.sh when it is missing (make test installs it up front).</summary>
    private static async Task InstallAsync()
    {
        if (File.Exists(Interpreter))
        {
            return;
        }
        var (exitCode, _, stderr) = await RunProcessAsync(Path.Combine(ModelDeploymentCrd.RepositoryRoot(), "hack", "apt-install.sh"), "lua5.1");
        File.Exists(Interpreter).Should().BeTrue($"{Interpreter} is needed to run Argo CD's Lua scripts; hack/apt-install.sh lua5.1 exited {exitCode}: {stderr}");
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunProcessAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>A customization script raised an error (Argo CD shows it to the user and changes nothing).</summary>
public sealed class LuaScriptException(string message) : Exception(message);
