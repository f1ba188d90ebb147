using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.EndToEnd.Support;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.EndToEnd.Monitoring;

/// <summary>config/prometheus: the PodMonitors select the pods the operator builds, on the port they serve /metrics on.</summary>
public sealed partial class MonitorTargetsTests
{
    private static readonly MD Fraud = new()
    {
        Metadata = new V1ObjectMeta { Name = "fraud", NamespaceProperty = "risk", Uid = "0b6c4a8e-1111-2222-3333-444455556666" },
        Spec = new ModelDeploymentSpec { Model = new ModelSpec { Uri = "https://models.example.com/fraud/v2.onnx", Version = "v2" } },
    };

    private readonly IReadOnlyList<JsonNode> _monitors = MonitoringFiles.YamlDocumentsOf(MonitoringFiles.Monitors);

    [Fact]
    public void The_router_PodMonitor_selects_router_pods_on_their_http_port() =>
        AssertSelects(Monitor("PodMonitor", "modelship-router"), RouterDeploymentBuilder.Build(Fraud, new ModelDeploymentBuildOptions(), suspended: false), "modelship-router");

    [Fact]
    public void The_runtime_PodMonitor_selects_runtime_pods_on_their_http_port() =>
        AssertSelects(Monitor("PodMonitor", "modelship-runtime"), RuntimeDeploymentBuilder.Build(Fraud, ModelBackend.FromSpec(Fraud.Spec)[0], new ModelDeploymentBuildOptions(), suspended: false), "modelship-runtime");

    [Fact]
    public void The_operator_ServiceMonitor_scrapes_the_metrics_port_and_keeps_the_ModelDeployments_namespace_label()
    {
        var monitor = Monitor("ServiceMonitor", "modelship-operator");
        var spec = monitor["spec"]!;
        Labels(spec["selector"]!["matchLabels"]).Should().Equal(new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = "modelship",
            ["app.kubernetes.io/component"] = "operator",
        });
        var endpoint = spec["endpoints"]!.AsArray().Single()!;
        ((string?)endpoint["port"]).Should().Be("metrics");
        ((string?)endpoint["path"]).Should().Be("/metrics");
        ((bool?)endpoint["honorLabels"]).Should().BeTrue("modelship_modeldeployment_* carry the ModelDeployment's namespace");
        JobOf(endpoint).Should().Be("modelship-operator");
    }

    [Fact]
    public void The_kustomization_lists_the_monitors_and_the_generated_PrometheusRule()
    {
        var resources = MonitoringFiles.Yaml("config/prometheus/kustomization.yaml")["resources"]!.AsArray().Select(r => (string)r!).ToList();

        resources.Should().BeEquivalentTo(["monitor.yaml", "rules.yaml"]);
        var rule = MonitoringFiles.Yaml("config/prometheus/rules.yaml");
        ((string?)rule["kind"]).Should().Be("PrometheusRule");
        JsonNode.DeepEquals(rule["spec"], MonitoringFiles.Yaml(MonitoringFiles.RulesSource)).Should().BeTrue("the PrometheusRule wraps the rule groups unchanged");
    }

    private JsonNode Monitor(string kind, string name) =>
        _monitors.Single(m => (string?)m["kind"] == kind && (string?)m["metadata"]!["name"] == name);

    private static void AssertSelects(JsonNode monitor, V1Deployment deployment, string job)
    {
        var spec = monitor["spec"]!;
        var pod = deployment.Spec!.Template!;
        ((bool?)spec["namespaceSelector"]!["any"]).Should().BeTrue("ModelDeployments live in any namespace");
        Labels(spec["selector"]!["matchLabels"]).Should().BeSubsetOf(pod.Metadata!.Labels!, "the PodMonitor selects the pods {0} builds", deployment.Metadata.Name);

        var endpoint = spec["podMetricsEndpoints"]!.AsArray().Single()!;
        ((string?)endpoint["path"]).Should().Be("/metrics");
        pod.Spec!.Containers!.SelectMany(c => c.Ports ?? []).Select(p => p.Name).Should().Contain((string?)endpoint["port"]);
        JobOf(endpoint).Should().Be(job);

        var modelDeploymentSources = endpoint["relabelings"]!.AsArray()
            .Where(r => (string?)r!["targetLabel"] == "modeldeployment")
            .Select(r => (string)r!["sourceLabels"]!.AsArray().Single()!)
            .ToList();
        modelDeploymentSources.Should().NotBeEmpty();
        var metaLabels = pod.Metadata.Labels!.Keys.Select(k => "__meta_kubernetes_pod_label_" + Sanitize(k))
            .Concat((pod.Metadata.Annotations ?? new Dictionary<string, string>()).Keys.Select(k => "__meta_kubernetes_pod_annotation_" + Sanitize(k)));
        modelDeploymentSources.Should().BeSubsetOf(metaLabels, "the modeldeployment label is read from the pod's own metadata");
        modelDeploymentSources.Should().Contain("__meta_kubernetes_pod_label_" + Sanitize(ChildMetadata.InstanceLabel));
    }

    private static string? JobOf(JsonNode endpoint) =>
        (string?)endpoint["relabelings"]!.AsArray().Single(r => (string?)r!["targetLabel"] == "job")!["replacement"];

    private static Dictionary<string, string> Labels(JsonNode? node) =>
        node!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);

    /// <summary>How Prometheus' Kubernetes discovery names a label or annotation in its meta labels.</summary>
    private static string Sanitize(string name) => NotLabelCharacter().Replace(name, "_");

    [GeneratedRegex("[^a-zA-Z0-9_]")]
    private static partial Regex NotLabelCharacter();
}
