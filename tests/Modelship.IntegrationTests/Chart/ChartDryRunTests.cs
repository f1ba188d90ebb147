using System.Text.Json.Nodes;
using System.Xml.Linq;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Yaml;

namespace Modelship.IntegrationTests.Chart;

/// <summary>
/// charts/modelship rendered with default values and a matrix of options; every render is valid YAML, and the
/// real kube-apiserver (1.20) accepts every object of it (`kubectl apply --dry-run=server`).
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ChartDryRunTests(SharedClusterFixture fixture) : IAsyncLifetime
{
    private const string Repository = "ghcr.io/modelship/modelship";
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private readonly Kubectl _kubectl = new(fixture.Cluster.KubeconfigPath);
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-chart-").FullName;
    private string _namespace = "";

    public async Task InitializeAsync()
    {
        File.Exists(Kubectl.Path).Should().BeTrue($"{Kubectl.Path} is required; install the Debian package kubernetes-client");
        _namespace = await fixture.Cluster.CreateNamespaceAsync("chart");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Default_values_install_the_operator_cluster_wide()
    {
        var chart = await RenderAndDryRunAsync("{}", "--include-crds");

        chart.KindsAndNames.Should().BeEquivalentTo(
            "CustomResourceDefinition//modeldeployments.modelship.dev",
            "CustomResourceDefinition//pipelines.modelship.dev",
            "CustomResourceDefinition//refreshschedules.modelship.dev",
            "CustomResourceDefinition//servingruntimes.modelship.dev",
            $"ServiceAccount/{_namespace}/modelship",
            "ClusterRole//modelship-operator",
            "ClusterRole//modelship-operator-cluster",
            "ClusterRole//modelship-router",
            "ClusterRoleBinding//modelship-operator",
            "ClusterRoleBinding//modelship-operator-cluster",
            $"Role/{_namespace}/modelship-leader-election",
            $"RoleBinding/{_namespace}/modelship-leader-election",
            $"Service/{_namespace}/modelship-metrics",
            $"Deployment/{_namespace}/modelship");
        foreach (var o in chart.Objects.Where(o => (string?)o["kind"] != "CustomResourceDefinition"))
        {
            var labels = o["metadata"]!["labels"]!;
            ((string?)labels["helm.sh/chart"]).Should().Be($"modelship-{ChartVersion}");
            ((string?)labels["app.kubernetes.io/name"]).Should().Be("modelship");
            ((string?)labels["app.kubernetes.io/instance"]).Should().Be(HelmRender.Release);
            ((string?)labels["app.kubernetes.io/version"]).Should().Be(ProjectVersion);
            ((string?)labels["app.kubernetes.io/managed-by"]).Should().Be("Helm");
            ((string?)labels["app.kubernetes.io/component"]).Should().Be(RenderedChart.Name(o) == "modelship-router" ? "router" : "operator");
        }

        var image = $"{Repository}:{ProjectVersion}";
        var container = chart.OperatorContainer;
        ((string?)container["image"]).Should().Be(image);
        chart.OperatorArgs.Should().Equal(
            "operator", "--leader-elect=true", $"--lease-namespace={_namespace}", "--metrics-address=0.0.0.0:8080",
            "--health-address=0.0.0.0:8081", $"--image={image}", "--router-cluster-role=modelship-router", "--log-level=Information");
        ((string?)container["env"]![0]!["name"]).Should().Be("POD_NAMESPACE");
        ((string?)container["env"]![0]!["valueFrom"]!["fieldRef"]!["fieldPath"]).Should().Be("metadata.namespace");
        Json(container["ports"]).Should().Be(Json(JsonNode.Parse(
            """[{"name":"metrics","containerPort":8080,"protocol":"TCP"},{"name":"health","containerPort":8081,"protocol":"TCP"}]""")));
        ((string?)container["livenessProbe"]!["httpGet"]!["path"]).Should().Be("/healthz");
        ((string?)container["readinessProbe"]!["httpGet"]!["path"]).Should().Be("/readyz");
        ((string?)container["readinessProbe"]!["httpGet"]!["port"]).Should().Be("health");
        Json(container["resources"]).Should().Be(Json(JsonNode.Parse("""{"limits":{"memory":"256Mi"},"requests":{"cpu":"100m","memory":"128Mi"}}""")));

        // Pod Security "restricted".
        var deployment = chart.Single("Deployment", "modelship", _namespace);
        var pod = deployment["spec"]!["template"]!["spec"]!;
        ((bool?)pod["securityContext"]!["runAsNonRoot"]).Should().BeTrue();
        ((long?)pod["securityContext"]!["runAsUser"]).Should().Be(65532);
        ((string?)pod["securityContext"]!["seccompProfile"]!["type"]).Should().Be("RuntimeDefault");
        ((bool?)container["securityContext"]!["allowPrivilegeEscalation"]).Should().BeFalse();
        ((bool?)container["securityContext"]!["readOnlyRootFilesystem"]).Should().BeTrue();
        Json(container["securityContext"]!["capabilities"]!["drop"]).Should().Be("[\"ALL\"]");
        ((string?)pod["serviceAccountName"]).Should().Be("modelship");
        ((long?)deployment["spec"]!["replicas"]).Should().Be(1);

        // The metrics Service selects the operator's pods.
        var selector = deployment["spec"]!["selector"]!["matchLabels"]!.AsObject();
        var podLabels = deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        selector.Should().OnlyContain(l => (string?)podLabels[l.Key] == (string?)l.Value);
        Json(chart.Single("Service", "modelship-metrics")["spec"]!["selector"]).Should().Be(Json(selector));

        // The operator may bind the router ClusterRole, and only it.
        var operatorRules = chart.Single("ClusterRole", "modelship-operator")["rules"]!.AsArray();
        var bind = operatorRules.Single(r => Json(r!["verbs"]) == "[\"bind\"]")!;
        Json(bind["resourceNames"]).Should().Be("[\"modelship-router\"]");
        var binding = chart.Single("ClusterRoleBinding", "modelship-operator");
        ((string?)binding["roleRef"]!["name"]).Should().Be("modelship-operator");
        Json(binding["subjects"]).Should().Be(Json(ServiceAccountSubject("modelship")));
        var leaseRules = chart.Single("Role", "modelship-leader-election", _namespace)["rules"]!.AsArray();
        leaseRules.Should().Contain(r => Json(r!["apiGroups"]) == "[\"coordination.k8s.io\"]" && Json(r["resources"]) == "[\"leases\"]");
    }

    [Fact]
    public async Task Namespaced_mode_has_a_role_in_each_watched_namespace_and_no_cluster_binding()
    {
        var teamA = await fixture.Cluster.CreateNamespaceAsync("team-a");
        var teamB = await fixture.Cluster.CreateNamespaceAsync("team-b");

        var chart = await RenderAndDryRunAsync($"watchNamespaces: [{teamA}, {teamB}]");

        // Cluster-wide, only the reading of the router ClusterRole (by name) and that role itself.
        chart.OfKind("ClusterRoleBinding").Select(RenderedChart.Name).Should().Equal("modelship-operator-cluster");
        chart.OfKind("ClusterRole").Select(RenderedChart.Name).Should().BeEquivalentTo("modelship-operator-cluster", "modelship-router");
        var clusterRead = chart.Single("ClusterRole", "modelship-operator-cluster")["rules"]!.AsArray().Should().ContainSingle().Subject!;
        Json(clusterRead["verbs"]).Should().Be("[\"get\"]");
        Json(clusterRead["resourceNames"]).Should().Be("[\"modelship-router\"]");
        foreach (var watched in new[] { teamA, teamB })
        {
            chart.Single("Role", "modelship-operator", watched)["rules"]!.AsArray().Should().NotBeEmpty();
            var binding = chart.Single("RoleBinding", "modelship-operator", watched);
            ((string?)binding["roleRef"]!["kind"]).Should().Be("Role");
            Json(binding["subjects"]).Should().Be(Json(ServiceAccountSubject("modelship")));
        }
        chart.Single("Role", "modelship-leader-election", _namespace);
        chart.OperatorArgs.Should().Contain($"--watch-namespaces={teamA},{teamB}");
    }

    [Fact]
    public async Task ServiceMonitor_and_PrometheusRule_render_with_the_monitoring_api()
    {
        await InstallMonitoringCrdsAsync();

        var chart = await RenderAndDryRunAsync(
            "metrics: {serviceMonitor: {enabled: true, labels: {release: prometheus}}, prometheusRule: {enabled: true}}",
            "--api-versions", "monitoring.coreos.com/v1");

        var monitor = chart.Single("ServiceMonitor", "modelship", _namespace);
        ((string?)monitor["metadata"]!["labels"]!["release"]).Should().Be("prometheus");
        ((string?)monitor["spec"]!["endpoints"]![0]!["port"]).Should().Be("metrics");
        ((bool?)monitor["spec"]!["endpoints"]![0]!["honorLabels"]).Should().BeTrue("the per-ModelDeployment series keep their own namespace label");
        // The alerts and the dashboard select by job: the same relabelings as config/prometheus/monitor.yaml.
        var kustomizeMonitors = YamlDocuments.Parse(File.ReadAllText(Path.Combine(HelmRender.RepositoryRoot, "config", "prometheus", "monitor.yaml"))).Select(o => o.AsObject()).ToList();
        JsonNode.DeepEquals(monitor["spec"]!["endpoints"]![0]!["relabelings"], kustomizeMonitors.Single(o => (string?)o["kind"] == "ServiceMonitor")["spec"]!["endpoints"]![0]!["relabelings"]).Should().BeTrue();
        foreach (var component in new[] { "router", "runtime" })
        {
            var podMonitor = chart.Single("PodMonitor", $"modelship-{component}", _namespace);
            var expected = kustomizeMonitors.Single(o => (string?)o["kind"] == "PodMonitor" && (string?)o["metadata"]!["name"] == $"modelship-{component}");
            JsonNode.DeepEquals(podMonitor["spec"]!["selector"], expected["spec"]!["selector"]).Should().BeTrue($"the {component} PodMonitor selects the pods the operator builds");
            JsonNode.DeepEquals(podMonitor["spec"]!["podMetricsEndpoints"]![0]!["relabelings"], expected["spec"]!["podMetricsEndpoints"]![0]!["relabelings"]).Should().BeTrue($"the {component} PodMonitor labels job and modeldeployment");
        }
        var serviceLabels = chart.Single("Service", "modelship-metrics")["metadata"]!["labels"]!.AsObject();
        monitor["spec"]!["selector"]!["matchLabels"]!.AsObject().Should().OnlyContain(l => (string?)serviceLabels[l.Key] == (string?)l.Value);
        var rules = YamlDocuments.Parse(File.ReadAllText(Path.Combine(HelmRender.ChartDirectory, "files", "prometheus-rules.yaml"))).Single();
        // Helm's toYaml writes mapping keys sorted; the rules file keeps Prometheus' usual order (alert, expr, for, ...).
        JsonNode.DeepEquals(chart.Single("PrometheusRule", "modelship", _namespace)["spec"]!["groups"], rules["groups"]).Should().BeTrue(
            "the PrometheusRule carries the groups of files/prometheus-rules.yaml unchanged");
    }

    [Fact]
    public async Task An_existing_service_account_is_used_and_not_created()
    {
        var chart = await RenderAndDryRunAsync("serviceAccount: {create: false, name: platform-operator}");

        chart.OfKind("ServiceAccount").Should().BeEmpty();
        ((string?)chart.Single("Deployment", "modelship")["spec"]!["template"]!["spec"]!["serviceAccountName"]).Should().Be("platform-operator");
        foreach (var binding in chart.OfKind("ClusterRoleBinding").Concat(chart.OfKind("RoleBinding")))
        {
            Json(binding["subjects"]).Should().Be(Json(ServiceAccountSubject("platform-operator")));
        }
    }

    [Fact]
    public async Task Two_replicas_with_a_pod_disruption_budget()
    {
        var chart = await RenderAndDryRunAsync("replicaCount: 2\npodDisruptionBudget: {enabled: true}");

        var deployment = chart.Single("Deployment", "modelship");
        ((long?)deployment["spec"]!["replicas"]).Should().Be(2);
        var budget = chart.Single("PodDisruptionBudget", "modelship", _namespace);
        ((string?)budget["apiVersion"]).Should().Be("policy/v1beta1", "Kubernetes 1.20 has no policy/v1");
        ((long?)budget["spec"]!["maxUnavailable"]).Should().Be(1);
        Json(budget["spec"]!["selector"]!["matchLabels"]).Should().Be(Json(deployment["spec"]!["selector"]!["matchLabels"]));
    }

    [Fact]
    public async Task An_image_digest_wins_over_the_tag()
    {
        var chart = await RenderAndDryRunAsync($"image: {{repository: registry.example.com/ml/modelship, tag: '9.9.9', digest: '{Digest}', pullPolicy: Always}}");

        var image = $"registry.example.com/ml/modelship@{Digest}";
        ((string?)chart.OperatorContainer["image"]).Should().Be(image);
        ((string?)chart.OperatorContainer["imagePullPolicy"]).Should().Be("Always");
        chart.OperatorArgs.Should().Contain($"--image={image}", "the operator gives routers and runtimes the same image");
    }

    [Fact]
    public async Task NetworkPolicy_admits_only_the_metrics_and_health_ports()
    {
        var chart = await RenderAndDryRunAsync(
            "networkPolicy: {enabled: true, ingressFrom: [{namespaceSelector: {matchLabels: {purpose: monitoring}}}], apiServer: {cidrs: [10.96.0.1/32]}}");

        var policy = chart.Single("NetworkPolicy", "modelship", _namespace);
        Json(policy["spec"]!["podSelector"]!["matchLabels"]).Should().Be(Json(chart.Single("Deployment", "modelship")["spec"]!["selector"]!["matchLabels"]));
        var ingress = policy["spec"]!["ingress"]!.AsArray().Single()!;
        ingress["ports"]!.AsArray().Select(p => (string?)p!["port"]).Should().Equal("metrics", "health");
        ((string?)ingress["from"]![0]!["namespaceSelector"]!["matchLabels"]!["purpose"]).Should().Be("monitoring");
        var egress = policy["spec"]!["egress"]!.AsArray().Single()!;
        egress["ports"]!.AsArray().Select(p => (long?)p!["port"]).Should().Equal(443, 6443);
        ((string?)egress["to"]![0]!["ipBlock"]!["cidr"]).Should().Be("10.96.0.1/32");
    }

    [Fact]
    public async Task Grafana_dashboard_configmap_carries_the_dashboard_json()
    {
        var chart = await RenderAndDryRunAsync("grafana: {dashboard: {enabled: true, annotations: {grafana_folder: Modelship}}}");

        var configMap = chart.Single("ConfigMap", "modelship-dashboard", _namespace);
        ((string?)configMap["metadata"]!["labels"]!["grafana_dashboard"]).Should().Be("1");
        ((string?)configMap["metadata"]!["annotations"]!["grafana_folder"]).Should().Be("Modelship");
        var dashboard = File.ReadAllText(Path.Combine(HelmRender.ChartDirectory, "files", "grafana-dashboard.json"));
        Json(JsonNode.Parse((string)configMap["data"]!["modelship.json"]!)).Should().Be(Json(JsonNode.Parse(dashboard)));
    }

    private static string ProjectVersion =>
        XDocument.Load(Path.Combine(HelmRender.RepositoryRoot, "Directory.Build.props")).Descendants("Version").Single().Value;

    private static string ChartVersion =>
        (string)YamlDocuments.Parse(File.ReadAllText(Path.Combine(HelmRender.ChartDirectory, "Chart.yaml"))).Single()["version"]!;

    private JsonArray ServiceAccountSubject(string name) =>
        [new JsonObject { ["kind"] = "ServiceAccount", ["name"] = name, ["namespace"] = _namespace }];

    private static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";

    /// <summary>Renders with the values (YAML) and flags into the test's namespace, then dry-runs the result.</summary>
    private async Task<RenderedChart> RenderAndDryRunAsync(string values, params string[] flags)
    {
        var render = await HelmRender.TemplateAsync(["-n", _namespace, "-f", HelmRender.WriteValues(_directory, values), .. flags]);
        render.ExitCode.Should().Be(0, render.ToString());
        var chart = new RenderedChart(render.Stdout);
        chart.Objects.Should().NotBeEmpty();

        var manifest = Path.Combine(_directory, $"render-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(manifest, render.Stdout);
        var dryRun = await _kubectl.DryRunApplyAsync(manifest);
        dryRun.ExitCode.Should().Be(0, dryRun.ToString());
        dryRun.Stdout.Split('\n').Count(line => line.EndsWith("(server dry run)", StringComparison.Ordinal))
            .Should().Be(chart.Objects.Count, $"the API server admits every object:\n{dryRun}");
        return chart;
    }

    /// <summary>Minimal ServiceMonitor, PodMonitor and PrometheusRule CRDs (any spec), standing in for the Prometheus Operator's.</summary>
    private async Task InstallMonitoringCrdsAsync()
    {
        var crds = string.Join("---\n", new[] { ("ServiceMonitor", "servicemonitors"), ("PodMonitor", "podmonitors"), ("PrometheusRule", "prometheusrules") }.Select(kind => $"""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: {kind.Item2}.monitoring.coreos.com
            spec:
              group: monitoring.coreos.com
              names:
                kind: {kind.Item1}
                plural: {kind.Item2}
              scope: Namespaced
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema:
                      type: object
                      x-kubernetes-preserve-unknown-fields: true

            """));
        var path = Path.Combine(_directory, "monitoring-crds.yaml");
        await File.WriteAllTextAsync(path, crds);
        var apply = await _kubectl.RunAsync("apply", "-f", path);
        apply.ExitCode.Should().Be(0, apply.ToString());
        var established = await _kubectl.RunAsync("wait", "--for=condition=Established", "--timeout=30s",
            "crd/servicemonitors.monitoring.coreos.com", "crd/podmonitors.monitoring.coreos.com", "crd/prometheusrules.monitoring.coreos.com");
        established.ExitCode.Should().Be(0, established.ToString());
        // Discovery (which kubectl reads to map the kinds) can trail the Established condition.
        await Eventually.HoldsAsync(async () =>
            (await _kubectl.RunAsync("api-resources", "--api-group=monitoring.coreos.com")).Stdout.Contains("PrometheusRule", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "kubectl discovers the monitoring.coreos.com kinds");
    }
}
