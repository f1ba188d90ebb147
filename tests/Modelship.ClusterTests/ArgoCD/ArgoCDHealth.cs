using System.Diagnostics;
using System.Text.Json.Nodes;
using Modelship.ClusterTests.Support;
using Modelship.IntegrationTests.ArgoCD;

namespace Modelship.ClusterTests.ArgoCD;

/// <summary>
/// config/argocd's health.lua run with lua5.1 through the integration tests' driver (what Argo CD gives a script),
/// and the health the test itself reads from a status: the two must agree on every status seen in a scenario.
/// </summary>
public static class ArgoCDHealth
{
    private const string Interpreter = "/usr/bin/lua5.1";

    public static async Task<(string Status, string Message)> EvaluateAsync(JsonNode obj)
    {
        var root = ClusterEnvironment.RepositoryRoot();
        var script = Path.Combine(root, "config", "argocd", "modelship.dev", "ModelDeployment", "health.lua");
        var driver = Path.Combine(root, "tests", "Modelship.IntegrationTests", "ArgoCD", "run-customization.lua");
        var objectFile = Path.Combine(Path.GetTempPath(), $"modelship-e2e-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(objectFile, LuaLiteral.Chunk(obj));
        try
        {
            var start = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, ArgumentList = { driver, script, objectFile } };
            using var process = Process.Start(start)!;
            var stdout = await process.StandardOutput.ReadToEndAsync();
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.Should().Be(0, $"health.lua fails: {stderr}");
            var result = JsonNode.Parse(stdout)!;
            return ((string)result["status"]!, (string?)result["message"] ?? "");
        }
        finally
        {
            File.Delete(objectFile);
        }
    }

    /// <summary>What the test reads from the status, in the order config/argocd/README.md gives the mapping.</summary>
    public static string Observed(ModelDeploymentState md) =>
        !md.HasStatus || md.ObservedGeneration < md.Generation ? "Progressing"
        : md.Reason("Ready") == "InvalidSpec" ? "Degraded"
        : md.SpecSuspended || md.IsTrue("Suspended") ? "Suspended"
        : md.IsTrue("Degraded") ? "Degraded"
        : md.IsTrue("Progressing") ? "Progressing"
        : md.IsTrue("Ready") ? "Healthy"
        : "Progressing";

    /// <summary>health.lua on every distinct version of the objects a watch saw; returns the health statuses met.</summary>
    public static async Task<IReadOnlySet<string>> CheckEveryStatusAsync(IEnumerable<JsonNode> seen)
    {
        var met = new HashSet<string>(StringComparer.Ordinal);
        var checkedVersions = new HashSet<string>(StringComparer.Ordinal);
        var disagreements = new List<string>();
        foreach (var obj in seen)
        {
            var md = new ModelDeploymentState(obj);
            if (!checkedVersions.Add(md.ResourceVersion))
            {
                continue;
            }
            var (status, message) = await EvaluateAsync(obj);
            met.Add(status);
            var observed = Observed(md);
            if (status != observed)
            {
                disagreements.Add($"resourceVersion {md.ResourceVersion} ({md}): health.lua says {status} ({message}), the test observed {observed}");
            }
        }
        disagreements.Should().BeEmpty();
        checkedVersions.Should().NotBeEmpty("the watch saw the ModelDeployment");
        return met;
    }
}
