using System.Text.Json.Nodes;

namespace Modelship.ClusterTests.Support;

/// <summary>Pods a test runs itself (busybox probes, the load generator), and reading the cluster's Pods.</summary>
public static class Pods
{
    /// <summary>Runs <paramref name="command"/> in a busybox Pod to its end; returns its phase and log.</summary>
    public static async Task<(string Phase, string Log)> RunToEndAsync(Kubectl kubectl, string ns, string name, string command, TimeSpan timeout)
    {
        await kubectl.ApplyAsync(Manifest(ns, name, ClusterEnvironment.BusyboxImage, ["/bin/sh", "-c", command], null, restartNever: true));
        var phase = await Eventually.ReturnsAsync(async () =>
            (string?)(await kubectl.GetJsonAsync("pod", name, "-n", ns))["status"]?["phase"] is { } current && current is "Succeeded" or "Failed" ? current : null,
            timeout, $"pod {ns}/{name} finishes");
        return (phase, await kubectl.RunAsync("logs", name, "-n", ns));
    }

    public static string Manifest(string ns, string name, string image, IEnumerable<string>? command, IEnumerable<string>? args, bool restartNever)
    {
        var container = new JsonObject { ["name"] = "main", ["image"] = image, ["imagePullPolicy"] = "Never" };
        if (command is not null)
        {
            container["command"] = new JsonArray([.. command.Select(c => (JsonNode)c)]);
        }
        if (args is not null)
        {
            container["args"] = new JsonArray([.. args.Select(a => (JsonNode)a)]);
        }
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { ["app"] = name } },
            ["spec"] = new JsonObject
            {
                ["restartPolicy"] = restartNever ? "Never" : "Always",
                ["terminationGracePeriodSeconds"] = 30,
                ["containers"] = new JsonArray(container),
            },
        }.ToJsonString();
    }

    public static async Task WaitReadyAsync(Kubectl kubectl, string ns, string name, TimeSpan timeout) =>
        await kubectl.RunAsync("wait", "--for=condition=Ready", $"pod/{name}", "-n", ns, $"--timeout={(int)timeout.TotalSeconds}s");

    /// <summary>Names and IPs of the running Pods a label selector matches.</summary>
    public static async Task<IReadOnlyList<(string Name, string Ip, bool Ready)>> ListAsync(Kubectl kubectl, string ns, string selector)
    {
        var list = await kubectl.GetJsonAsync("pods", "-n", ns, "-l", selector);
        return [.. (list["items"] as JsonArray ?? []).Select(p => (
            (string)p!["metadata"]!["name"]!,
            (string?)p["status"]?["podIP"] ?? "",
            (p["status"]?["conditions"] as JsonArray ?? []).Any(c => (string?)c?["type"] == "Ready" && (string?)c["status"] == "True")
                && p["metadata"]?["deletionTimestamp"] is null))];
    }
}
