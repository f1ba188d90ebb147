using System.Text.Json.Nodes;
using Modelship.ClusterTests.ArgoCD;
using Modelship.ClusterTests.Support;
using Xunit.Abstractions;

namespace Modelship.ClusterTests;

/// <summary>
/// Scenario 3: zero-downtime replacement in a real cluster. A load generator Pod of our image (`modelship loadgen`)
/// sends open-loop load through the endpoint Service while spec.model changes twice, a challenger's weight changes
/// and a router Pod is deleted; not one request may fail, and every answer must come from a version the routing
/// table of the answer's generation named for that role.
/// </summary>
public sealed class ZeroDowntimeReplacementTests(ITestOutputHelper output)
{
    private const int Rate = 250;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(4);

    [ClusterFact]
    public async Task Two_model_changes_a_weight_change_and_a_deleted_router_Pod_lose_no_request_under_load()
    {
        await using var ns = await TestNamespace.CreateAsync("e2e-replace");
        var kubectl = ns.Kubectl;
        await using var mdWatch = new KubectlWatch(kubectl, "modeldeployments", "-n", ns.Name);
        var challenger = ("iris-v2", 20, new IrisModel("v2", "iris-v2.onnx"));
        await kubectl.ApplyAsync(IrisModelDeployment.Manifest("iris", ns.Name, new IrisModel("v1", "iris-v1.onnx"), [challenger], []));
        await ModelDeployments.WaitReadyAsync(ns, "iris", StepTimeout);
        // The operator runs two routers here (--router-replicas=2): one keeps serving while the other is replaced.
        await Eventually.HoldsAsync(async () => (await Pods.ListAsync(kubectl, ns.Name, "app.kubernetes.io/component=router")).Count(r => r.Ready) >= 2,
            StepTimeout, "two router Pods are Ready");

        await using var tableWatch = new KubectlWatch(kubectl, "configmap", "iris-routing", "-n", ns.Name);
        await kubectl.ApplyAsync(Pods.Manifest(ns.Name, "loadgen", ClusterEnvironment.Image, null,
            ["loadgen", "--url", IrisModelDeployment.InClusterInferUrl("iris", ns.Name), "--body", IrisModelDeployment.RequestBody,
             "--rate", Rate.ToString(System.Globalization.CultureInfo.InvariantCulture), "--duration", "1200", "--connections", "8"], restartNever: true));
        await Pods.WaitReadyAsync(kubectl, ns.Name, "loadgen", TimeSpan.FromMinutes(2));
        await using var log = new KubectlStream(kubectl, "logs", "-f", "loadgen", "-n", ns.Name);
        await Eventually.HoldsAsync(() => Task.FromResult(LoadgenLines(log.Text()).Any(l => l["answered"]?.GetValue<long>() > Rate)),
            TimeSpan.FromSeconds(60), "the load generator gets answers");
        // Steps are logged with the load generator's clock, to place a failure (its atSeconds) in the scenario.
        void Step(string what) => output.WriteLine($"at {LoadgenLines(log.Text()).LastOrDefault()?["elapsedSeconds"]} s of load: {what}");

        Step("spec.model v1 -> v4");
        await ReplaceChampionAsync(ns, new IrisModel("v4", "iris-v3.onnx"), challenger, replaced: "v1");

        Step("challenger weight 20 -> 50");
        var before = (await ModelDeployments.GetAsync(ns, "iris")).RoutingGeneration;
        await kubectl.ApplyAsync(IrisModelDeployment.Manifest("iris", ns.Name, new IrisModel("v4", "iris-v3.onnx"), [("iris-v2", 50, new IrisModel("v2", "iris-v2.onnx"))], []));
        await ModelDeployments.WaitReadyAsync(ns, "iris", StepTimeout, md => md.RoutingGeneration > before
            && (md.Object["status"]?["traffic"] as JsonArray ?? []).Any(t => (string?)t?["version"] == "v2" && t["weight"]?.GetValue<int>() == 50));

        Step("delete a router Pod");
        var victim = (await Pods.ListAsync(kubectl, ns.Name, "app.kubernetes.io/component=router")).First(r => r.Ready).Name;
        await kubectl.RunAsync("delete", "pod", victim, "-n", ns.Name, "--wait=true", "--timeout=120s");
        await Eventually.HoldsAsync(async () => (await Pods.ListAsync(kubectl, ns.Name, "app.kubernetes.io/component=router")).Count(r => r.Ready && r.Name != victim) >= 2,
            StepTimeout, "a new router Pod replaces the deleted one");
        await ModelDeployments.WaitReadyAsync(ns, "iris", StepTimeout);

        Step("spec.model v4 -> v5");
        await ReplaceChampionAsync(ns, new IrisModel("v5", "iris-v1.onnx"), ("iris-v2", 50, new IrisModel("v2", "iris-v2.onnx")), replaced: "v4");

        await Task.Delay(TimeSpan.FromSeconds(5));
        Step("stop the load generator");
        await kubectl.RunAsync("delete", "pod", "loadgen", "-n", ns.Name, "--wait=false");
        (await log.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().BeTrue("the load generator ends on SIGTERM");
        var final = LoadgenLines(log.Text()).LastOrDefault(l => l["final"]?.GetValue<bool>() == true);
        final.Should().NotBeNull($"the load generator printed its final report:\n{log.Text()}");
        output.WriteLine(final!.ToJsonString());

        var sent = final["sent"]!.GetValue<long>();
        var failed = final["failed"]!.GetValue<long>();
        output.WriteLine($"replacement under load: {sent} requests in {final["sendingSeconds"]} s ({final["sentPerSecond"]}/s), {failed} failed");
        failed.Should().Be(0, $"no request fails: {final["failures"]?.ToJsonString()}");
        final["answered"]!.GetValue<long>().Should().Be(sent, "every request was answered");
        final["sentPerSecond"]!.GetValue<double>().Should().BeGreaterThanOrEqualTo(200);

        var tables = RoutingTables(tableWatch.Objects());
        var answers = (final["answers"] as JsonArray)!.Select(a => (Generation: a!["generation"]?.GetValue<long>(), Version: (string?)a["version"], Role: (string?)a["role"], Count: a["count"]!.GetValue<long>())).ToList();
        foreach (var (generation, version, role, count) in answers)
        {
            generation.Should().NotBeNull("every answer names the routing generation it was routed by");
            tables.Should().ContainKey(generation!.Value, $"the test saw routing table generation {generation}");
            tables[generation.Value].Should().Contain((version!, role!), $"{count} answers of {version} as {role} under generation {generation}");
        }
        answers.Select(a => a.Version).Distinct().Should().Contain(["v1", "v4", "v5", "v2"], "each champion and the challenger answered in turn");

        await ArgoCDHealth.CheckEveryStatusAsync(mdWatch.Objects());
    }

    /// <summary>Changes spec.model and waits until the new version serves alone as champion and the old runtime is gone.</summary>
    private async Task ReplaceChampionAsync(TestNamespace ns, IrisModel champion, (string, int, IrisModel) challenger, string replaced)
    {
        await ns.Kubectl.ApplyAsync(IrisModelDeployment.Manifest("iris", ns.Name, champion, [challenger], []));
        var ready = await ModelDeployments.WaitReadyAsync(ns, "iris", StepTimeout, md => md.ActiveVersion == champion.Version);
        await Eventually.HoldsAsync(async () => await ns.Kubectl.TryGetJsonAsync("deployment", $"iris-{replaced}", "-n", ns.Name) is null,
            StepTimeout, $"the runtime of {replaced} is deleted once no router names it");
        output.WriteLine($"  {champion.Version} active: {ready}");
    }

    /// <summary>Each generation's backends as (version, role) pairs, from every version of the routing ConfigMap.</summary>
    private static Dictionary<long, HashSet<(string, string)>> RoutingTables(IEnumerable<JsonNode> configMaps)
    {
        var tables = new Dictionary<long, HashSet<(string, string)>>();
        foreach (var configMap in configMaps)
        {
            if ((string?)configMap["data"]?["routing-table.json"] is not { } json)
            {
                continue;
            }
            var table = JsonNode.Parse(json)!;
            tables[table["generation"]!.GetValue<long>()] = [.. (table["backends"] as JsonArray ?? [])
                .Where(b => (string?)b?["role"] != "shadow")
                .Select(b => ((string)b!["version"]!, (string)b["role"]!))];
        }
        return tables;
    }

    private static List<JsonNode> LoadgenLines(string text) =>
        [.. text.Split('\n').Where(l => l.StartsWith('{')).Select(l => { try { return JsonNode.Parse(l); } catch (System.Text.Json.JsonException) { return null; } }).OfType<JsonNode>()];
}
