using System.Text.Json.Nodes;
using Modelship.ClusterTests.ArgoCD;
using Modelship.ClusterTests.Support;
using Xunit.Abstractions;

namespace Modelship.ClusterTests;

/// <summary>Scenarios 4 and 5: suspend to zero and resume, deletion collects every child, an invalid spec.</summary>
public sealed class LifecycleTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    [ClusterFact]
    public async Task Suspend_scales_to_zero_resume_serves_again_and_deleting_the_ModelDeployment_collects_every_child()
    {
        await using var ns = await TestNamespace.CreateAsync("e2e-lifecycle");
        var kubectl = ns.Kubectl;
        await using var watch = new KubectlWatch(kubectl, "modeldeployments", "-n", ns.Name);
        string Manifest(bool suspend) => IrisModelDeployment.Manifest("iris", ns.Name, new IrisModel("v1", "iris-v1.onnx"),
            [("iris-v2", 30, new IrisModel("v2", "iris-v2.onnx"))], [("iris-v3", new IrisModel("v3", "iris-v3.onnx"))], suspend);
        await kubectl.ApplyAsync(Manifest(suspend: false));
        await ModelDeployments.WaitReadyAsync(ns, "iris", Timeout);
        await ModelDeployments.WaitServingAsync(ns, "iris");
        var children = await ChildrenAsync(kubectl, ns.Name);
        output.WriteLine($"children: {string.Join(", ", children)}");
        children.Should().Contain(["Deployment/iris-router", "Deployment/iris-v1", "Deployment/iris-v2", "Deployment/iris-v3",
            "Service/iris", "ConfigMap/iris-routing", "ServiceAccount/iris-router", "RoleBinding/iris-router"]);

        await kubectl.ApplyAsync(Manifest(suspend: true));
        var suspended = await Eventually.ReturnsAsync(async () =>
            await ModelDeployments.GetAsync(ns, "iris") is { } md && md.ObservedGeneration == md.Generation && md.IsTrue("Suspended") ? md : null,
            Timeout, "the ModelDeployment reports Suspended");
        output.WriteLine($"suspended: {suspended}");
        await Eventually.HoldsAsync(async () => (await kubectl.GetJsonAsync("pods", "-n", ns.Name, "-l", "app.kubernetes.io/managed-by=modelship-operator"))["items"]!.AsArray().Count == 0,
            Timeout, "every runtime and router Pod is gone");
        var deployments = await kubectl.GetJsonAsync("deployments", "-n", ns.Name);
        deployments["items"]!.AsArray().Select(d => d!["spec"]!["replicas"]!.GetValue<int>()).Should().AllSatisfy(r => r.Should().Be(0));

        await kubectl.ApplyAsync(Manifest(suspend: false));
        await ModelDeployments.WaitReadyAsync(ns, "iris", Timeout);
        await ModelDeployments.WaitServingAsync(ns, "iris"); // resume serves again

        await kubectl.RunAsync("delete", "modeldeployment", "iris", "-n", ns.Name, "--wait=true", "--timeout=120s");
        await Eventually.HoldsAsync(async () => (await ChildrenAsync(kubectl, ns.Name)).Count == 0, Timeout,
            "kube-controller-manager's garbage collector deletes every child the ModelDeployment owned");

        var met = await ArgoCDHealth.CheckEveryStatusAsync(watch.Objects());
        met.Should().Contain(["Healthy", "Suspended"]);
    }

    [ClusterFact]
    public async Task An_invalid_ModelDeployment_gets_InvalidSpec_and_Argo_CD_health_Degraded()
    {
        await using var ns = await TestNamespace.CreateAsync("e2e-invalid");
        await using var watch = new KubectlWatch(ns.Kubectl, "modeldeployments", "-n", ns.Name);
        var v1 = new IrisModel("v1", "iris-v1.onnx");
        // Admitted by the CRD schema, refused by the controller: a challenger that is the champion itself.
        await ns.Kubectl.ApplyAsync(IrisModelDeployment.Manifest("iris", ns.Name, v1, [("same", 10, v1)], []));
        var invalid = await Eventually.ReturnsAsync(async () =>
            await ModelDeployments.GetAsync(ns, "iris") is { } md && md.Reason("Ready") == "InvalidSpec" ? md : null,
            Timeout, "the controller reports InvalidSpec");
        output.WriteLine($"invalid: {invalid}");
        invalid.IsTrue("Ready").Should().BeFalse();
        (await ns.Kubectl.GetJsonAsync("deployments", "-n", ns.Name))["items"]!.AsArray().Should().BeEmpty("nothing is deployed for an invalid spec");

        var met = await ArgoCDHealth.CheckEveryStatusAsync(watch.Objects());
        met.Should().Contain("Degraded");
    }

    /// <summary>Kind/name of every object in the namespace a ModelDeployment owns.</summary>
    private static async Task<IReadOnlyList<string>> ChildrenAsync(Kubectl kubectl, string ns)
    {
        var list = await kubectl.GetJsonAsync("deployments,services,configmaps,serviceaccounts,rolebindings", "-n", ns);
        return [.. (list["items"] as JsonArray ?? [])
            .Where(o => (o!["metadata"]?["ownerReferences"] as JsonArray ?? []).Any(r => (string?)r?["kind"] == "ModelDeployment"))
            .Select(o => $"{o!["kind"]}/{o["metadata"]!["name"]}")];
    }
}
