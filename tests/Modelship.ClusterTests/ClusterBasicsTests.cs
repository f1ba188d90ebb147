using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Modelship.ClusterTests.Support;
using Xunit.Abstractions;

namespace Modelship.ClusterTests;

/// <summary>The cluster itself (hack/cluster.sh): Pods, Services through kube-proxy, the cluster DNS, and confinement.</summary>
public sealed partial class ClusterBasicsTests(ITestOutputHelper output)
{
    [ClusterFact]
    public async Task A_Deployment_becomes_Ready_and_its_Service_answers_from_the_host_and_from_a_Pod_by_name()
    {
        await using var ns = await TestNamespace.CreateAsync("e2e-basics");
        await ns.Kubectl.ApplyAsync("""
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "echo", "namespace": "@NS@"},
               "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "echo"}},
                 "template": {"metadata": {"labels": {"app": "echo"}}, "spec": {"terminationGracePeriodSeconds": 1, "containers": [
                   {"name": "echo", "image": "@IMAGE@", "imagePullPolicy": "Never",
                    "command": ["/bin/sh", "-c", "while true; do echo \"hello from $(hostname)\" | nc -l -p 8080; done"],
                    "readinessProbe": {"tcpSocket": {"port": 8080}, "periodSeconds": 1}}]}}}},
              {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "echo", "namespace": "@NS@"},
               "spec": {"selector": {"app": "echo"}, "ports": [{"port": 80, "targetPort": 8080}]}}
            ]}
            """.Replace("@NS@", ns.Name, StringComparison.Ordinal).Replace("@IMAGE@", ClusterEnvironment.BusyboxImage, StringComparison.Ordinal));
        await ns.Kubectl.RunAsync("rollout", "status", "deployment/echo", "-n", ns.Name, "--timeout=120s");
        var clusterIp = (string)(await ns.Kubectl.GetJsonAsync("service", "echo", "-n", ns.Name))["spec"]!["clusterIP"]!;

        // Ready Pods can be a moment ahead of kube-proxy's rules, and each echo Pod's `nc` listens again only after the
        // readiness probe's connection closed: a refused connection is retried, a wrong answer is not.
        var fromHost = await Eventually.ReturnsAsync(() => TryReadLineAsync(clusterIp, 80), TimeSpan.FromSeconds(30), "the Service's ClusterIP answers from the host");
        fromHost.Should().StartWith("hello from echo-", "the host reaches the Service's ClusterIP through kube-proxy");

        var (phase, log) = await Pods.RunToEndAsync(ns.Kubectl, ns.Name, "client",
            $"nslookup echo.{ns.Name}.svc.cluster.local; for i in 1 2 3 4 5; do nc -w 5 echo 80 </dev/null && break; sleep 1; done", TimeSpan.FromSeconds(90));
        output.WriteLine(log);
        phase.Should().Be("Succeeded", log);
        log.Should().Contain($"Address: {clusterIp}", "the cluster DNS answers the Service's name with its ClusterIP");
        log.Should().MatchRegex("hello from echo-", "a Pod reaches the Service by its short name (search path) through kube-proxy");
    }

    [ClusterFact]
    public async Task A_Pods_packet_to_an_outside_address_is_rejected_on_this_machine()
    {
        // Checked before anything is sent: without the rule this test would send a packet out.
        (await Iptables("-C", "FORWARD", "-j", "MODELSHIP-CONFINE")).ExitCode.Should().Be(0, "hack/cluster.sh installs the confinement chain first");
        var before = await RejectedTcpPackets();
        await using var ns = await TestNamespace.CreateAsync("e2e-confine");

        // 203.0.113.1 (TEST-NET-3): an address outside this machine that is nobody's.
        var (_, log) = await Pods.RunToEndAsync(ns.Kubectl, ns.Name, "outside",
            "start=$(date +%s); nc -w 5 203.0.113.1 80 </dev/null; echo \"exit=$? seconds=$(($(date +%s) - start))\"", TimeSpan.FromSeconds(90));
        output.WriteLine(log);

        log.Should().Contain("Connection refused", "MODELSHIP-CONFINE rejects the SYN with a reset");
        int.Parse(SecondsPattern().Match(log).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).Should().BeLessThan(2, "the refusal is immediate, not a timeout");
        (await RejectedTcpPackets()).Should().BeGreaterThan(before, "the packet met the confinement rule on this machine");
    }

    private static async Task<string?> TryReadLineAsync(string host, int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await client.ConnectAsync(host, port, timeout.Token);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return null;
        }
        using var reader = new StreamReader(client.GetStream());
        return await reader.ReadLineAsync(timeout.Token) ?? "";
    }

    private static async Task<long> RejectedTcpPackets()
    {
        var result = await Iptables("-L", "MODELSHIP-CONFINE", "-n", "-v", "-x");
        result.ExitCode.Should().Be(0, result.ToString());
        var line = result.Stdout.Split('\n').First(l => l.Contains("tcp-reset", StringComparison.Ordinal));
        return long.Parse(line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<CommandResult> Iptables(params string[] arguments)
    {
        var start = new ProcessStartInfo("iptables") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CommandResult(process.ExitCode, stdout, stderr);
    }

    [GeneratedRegex(@"seconds=(\d+)")]
    private static partial Regex SecondsPattern();
}
