using System.Text.Json.Nodes;
using Modelship.Api.Serialization;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.IntegrationTests.ModelDeployment;
using Modelship.IntegrationTests.Pipeline;
using Modelship.Kubernetes.Client;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.IntegrationTests.Cli;

/// <summary>
/// `modelship deployments|pipelines ...` as processes against the real kube-apiserver (no operator runs: where a test
/// needs a status, it writes it as the operator would). The test reads what the CLI did with its own admin client.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class DeploymentsCommandTests(SharedClusterFixture fixture) : NamespacedTest(fixture.Cluster, "cli")
{
    private readonly TestCluster.TestCluster _cluster = fixture.Cluster;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await PipelineOperator.InstallCrdsAsync(Client);
    }

    private readonly KubernetesClient _typed = fixture.Cluster.AdminClient(new KubernetesClientOptions { SerializerOptions = ModelshipApiJsonContext.KubernetesClientOptions });

    private ResourceClient<MD> Deployments => _typed.For<MD>(MD.Resource);

    public override async Task DisposeAsync()
    {
        _typed.Dispose();
        await base.DisposeAsync();
    }

    private Task<CliRun> Cli(params string[] arguments) => CliRun.RunAsync([.. arguments, "--kubeconfig", _cluster.KubeconfigPath, "-n", TestNamespace]);

    [Fact]
    public async Task Create_get_list_update_delete_round_trip_from_flags()
    {
        var created = await Cli("deployments", "create", "iris", "--model-uri", "https://models.example/iris-v1.onnx", "--version", "v1");
        created.ExitCode.Should().Be(0, created.ToString());
        created.Output.Should().Be("modeldeployment/iris created\n");
        var live = await Deployments.GetAsync(TestNamespace, "iris");
        live.Spec.Model.Uri.Should().Be("https://models.example/iris-v1.onnx");
        live.Metadata.ManagedFields.Should().Contain(f => f.Manager == "modelship-cli" && f.Operation == "Apply");

        var json = await Cli("deployments", "get", "iris", "-o", "json");
        json.ExitCode.Should().Be(0, json.ToString());
        var document = JsonNode.Parse(json.Output)!;
        document["spec"]!["model"]!["version"]!.GetValue<string>().Should().Be("v1");
        document["metadata"]!["namespace"]!.GetValue<string>().Should().Be(TestNamespace);
        document["metadata"]!["managedFields"].Should().BeNull("managedFields are left out, as kubectl does");

        var description = await Cli("deployments", "get", "iris");
        description.ExitCode.Should().Be(0, description.ToString());
        description.Output.Should().Contain("Name:        iris").And.Contain("Model:       v1 (https://models.example/iris-v1.onnx)")
            .And.Contain("Traffic (declared):").And.MatchRegex(@"champion\s+v1\s+champion\s+100%");

        var table = await Cli("deployments", "list");
        table.ExitCode.Should().Be(0, table.ToString());
        var lines = table.Output.TrimEnd('\n').Split('\n');
        lines[0].Should().MatchRegex(@"^NAME\s+PHASE\s+MODEL VERSION\s+TRAFFIC\s+AGE$");
        lines.Should().HaveCount(2);
        lines[1].Should().MatchRegex(@"^iris\s+<none>\s+v1\s+<none>\s+\d+s$");

        var yaml = await Cli("deployments", "list", "-o", "yaml");
        yaml.ExitCode.Should().Be(0, yaml.ToString());
        yaml.Output.Should().StartWith("apiVersion: v1\nitems:\n").And.Contain("    name: iris\n").And.Contain("kind: List\n");

        var updated = await Cli("deployments", "update", "iris", "--model-uri", "https://models.example/iris-v2.onnx", "--version", "v2", "--reason", "accuracy");
        updated.ExitCode.Should().Be(0, updated.ToString());
        updated.Output.Should().Be("modeldeployment/iris updated\n");
        live = await Deployments.GetAsync(TestNamespace, "iris");
        live.Spec.Model.Version.Should().Be("v2");
        live.Spec.Model.Uri.Should().Be("https://models.example/iris-v2.onnx");
        live.Spec.Replacement!.Reason.Should().Be(Api.V1Alpha1.ReplacementReason.Accuracy);
        live.Metadata.Generation.Should().Be(2);

        var deleted = await Cli("deployments", "delete", "iris", "--wait", "--timeout", "30s");
        deleted.ExitCode.Should().Be(0, deleted.ToString());
        deleted.Output.Should().Be("modeldeployment/iris deleted\n");
        (await Deployments.GetOrNullAsync(TestNamespace, "iris")).Should().BeNull();

        var again = await Cli("deployments", "delete", "iris");
        again.ExitCode.Should().Be(0, "delete is idempotent, as MLflow's delete_deployment: " + again);
        again.Output.Should().Contain("not found");
    }

    [Fact]
    public async Task Create_and_update_from_a_manifest_apply_it_server_side_and_refuse_a_name_in_use()
    {
        var manifest = await ManifestAsync(20);
        var created = await Cli("deployments", "create", "-f", manifest);
        created.ExitCode.Should().Be(0, created.ToString());
        (await Deployments.GetAsync(TestNamespace, "fraud")).Spec.Traffic!.Challengers!.Single().Weight.Should().Be(20);

        var twice = await Cli("deployments", "create", "-f", manifest);
        twice.ExitCode.Should().Be(5, twice.ToString());
        twice.Errors.Should().Contain($"modeldeployment \"fraud\" already exists in namespace \"{TestNamespace}\"");

        var updated = await Cli("deployments", "update", "-f", await ManifestAsync(35), "-o", "yaml");
        updated.ExitCode.Should().Be(0, updated.ToString());
        updated.Output.Should().Contain("weight: 35").And.Contain("kind: ModelDeployment");
        (await Deployments.GetAsync(TestNamespace, "fraud")).Spec.Traffic!.Challengers!.Single().Weight.Should().Be(35);

        var missing = await Cli("deployments", "update", "-f", await ManifestAsync(35, "ghost"));
        missing.ExitCode.Should().Be(3, missing.ToString());
        missing.Errors.Should().Contain($"modeldeployment \"ghost\" not found in namespace \"{TestNamespace}\"");
    }

    [Fact]
    public async Task NotFound_Forbidden_Invalid_and_no_cluster_have_their_own_message_and_exit_code()
    {
        var notFound = await Cli("deployments", "get", "nope");
        notFound.ExitCode.Should().Be(3, notFound.ToString());
        notFound.Errors.Should().Be($"Error: modeldeployment \"nope\" not found in namespace \"{TestNamespace}\"\n");

        var nobody = Path.Combine(Path.GetTempPath(), $"kubeconfig-nobody-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(nobody, _cluster.Kubeconfig(TestCluster.TestCluster.UnprivilegedUser, _cluster.UnprivilegedToken));
        try
        {
            var forbidden = await CliRun.RunAsync("deployments", "list", "--kubeconfig", nobody, "-n", TestNamespace);
            forbidden.ExitCode.Should().Be(4, forbidden.ToString());
            forbidden.Errors.Should().Contain("Error from server (Forbidden):").And.Contain(TestCluster.TestCluster.UnprivilegedUser).And.Contain("modeldeployments");
        }
        finally
        {
            File.Delete(nobody);
        }

        var invalid = await Cli("deployments", "create", "bad", "--model-uri", "ftp://models.example/m.onnx", "--version", "not a version!");
        invalid.ExitCode.Should().Be(5, invalid.ToString());
        invalid.Errors.Should().Contain("Error from server (Invalid):").And.Contain("spec.model.version").And.Contain("spec.model.uri");

        var unreachable = await CliRun.RunAsync("deployments", "list", "--kubeconfig", await UnreachableKubeconfigAsync());
        unreachable.ExitCode.Should().Be(6, unreachable.ToString());
        unreachable.Errors.Should().Contain("cannot reach the Kubernetes API server at https://127.0.0.1:");

        var noConfig = await CliRun.RunAsync("deployments", "list", "--kubeconfig", "/nonexistent/kubeconfig");
        noConfig.ExitCode.Should().Be(6, noConfig.ToString());
        noConfig.Errors.Should().Contain("/nonexistent/kubeconfig").And.Contain("does not exist");
    }

    [Fact]
    public async Task Create_with_wait_returns_when_the_operator_reports_it_Active_and_Ready()
    {
        var waiting = Cli("deployments", "create", "iris", "--model-uri", "https://models.example/iris-v1.onnx", "--version", "v1", "--wait", "--timeout", "90s", "-o", "json");
        MD? live = null;
        await Eventually.HoldsAsync(async () => (live = await Deployments.GetOrNullAsync(TestNamespace, "iris")) is not null, TimeSpan.FromSeconds(60), "the CLI created iris");
        waiting.IsCompleted.Should().BeFalse("nothing reported the deployment ready yet");

        await Deployments.MergePatchStatusAsync(TestNamespace, "iris", JsonNode.Parse($$$"""
            {"status":{"observedGeneration":{{{live!.Metadata.Generation}}},"phase":"Active","endpoint":"http://iris.{{{TestNamespace}}}.svc.cluster.local:8080",
              "traffic":[{"name":"champion","version":"v1","role":"champion","weight":100}],
              "conditions":[{"type":"Ready","status":"True","reason":"Serving","message":"1/1 routers serve v1","lastTransitionTime":"2026-12-01T00:00:00Z"}]}}
            """)!);

        var run = await waiting;
        run.ExitCode.Should().Be(0, run.ToString());
        run.Errors.Should().Contain("modeldeployment/iris: phase Active, Ready (1/1 routers serve v1)");
        JsonNode.Parse(run.Output)!["status"]!["phase"]!.GetValue<string>().Should().Be("Active");

        var table = await Cli("deployments", "list");
        table.Output.Should().MatchRegex(@"iris\s+Active\s+v1\s+v1 100%\s+\d+s");
        var description = await Cli("deployments", "get", "iris");
        description.Output.Should().Contain("Traffic (applied by the router):").And.MatchRegex(@"Ready\s+True\s+Serving\s+\S+\s+1/1 routers serve v1");
    }

    [Fact]
    public async Task Wait_gives_up_after_its_timeout_with_exit_code_7()
    {
        var run = await Cli("deployments", "create", "slow", "--model-uri", "https://models.example/m.onnx", "--version", "v1", "--wait", "--timeout", "3s");
        run.ExitCode.Should().Be(7, run.ToString());
        run.Errors.Should().Contain("timed out after 3 s waiting for modeldeployment \"slow\"").And.Contain("waiting for the operator to observe generation 1");
    }

    [Fact]
    public async Task Predict_goes_through_the_API_servers_service_proxy_to_the_router_Service()
    {
        (await Cli("deployments", "create", "iris", "--model-uri", "https://models.example/iris-v1.onnx", "--version", "v1")).ExitCode.Should().Be(0);
        var input = Path.Combine(Path.GetTempPath(), $"rows-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(input, """{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}""");
        try
        {
            // No operator made the router Service: the proxy says so (the Service it looked for is the deployment's).
            var noService = await Cli("deployments", "predict", "iris", "-f", input);
            noService.ExitCode.Should().Be(3, noService.ToString());
            noService.Errors.Should().Contain("service proxy").And.Contain("services \"iris\" not found");

            // A Service with the router's port name but no ready endpoint (kube-apiserver refuses loopback endpoint
            // addresses, so no local router can stand behind it here): the proxy found the Service and its port.
            await Client.For<k8s.Models.V1Service>().CreateAsync(new k8s.Models.V1Service
            {
                Metadata = new() { Name = "iris", NamespaceProperty = TestNamespace },
                Spec = new() { Ports = [new() { Name = "http", Port = 8080 }] },
            });
            // What the endpoints controller (not running here) writes for a Service whose router Pods are not ready.
            var endpoints = new Kubernetes.Models.ResourceType("", "v1", "Endpoints", "endpoints", true);
            await Client.For(endpoints).CreateAsync(Kubernetes.Models.GenericObject.Create(endpoints, "iris", TestNamespace));
            var noEndpoints = await Cli("deployments", "predict", "iris", "-f", input);
            noEndpoints.ExitCode.Should().Be(6, noEndpoints.ToString());
            noEndpoints.Errors.Should().Contain("answered 503").And.Contain("no endpoints available for service \"iris");

            var missing = await Cli("deployments", "predict", "ghost", "-f", input);
            missing.ExitCode.Should().Be(3, missing.ToString());
            missing.Errors.Should().Contain($"modeldeployment \"ghost\" not found in namespace \"{TestNamespace}\"");
        }
        finally
        {
            File.Delete(input);
        }
    }

    [Fact]
    public async Task Pipelines_have_the_same_verbs()
    {
        var manifest = Path.Combine(Path.GetTempPath(), $"pipeline-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(manifest, """
            apiVersion: modelship.dev/v1alpha1
            kind: Pipeline
            metadata:
              name: scoring
            spec:
              steps:
                - name: classify
                  model:
                    modelDeploymentRef:
                      name: iris
            """);
        try
        {
            var created = await Cli("pipelines", "create", "-f", manifest);
            created.ExitCode.Should().Be(0, created.ToString());
            created.Output.Should().Be("pipeline/scoring created\n");

            var table = await Cli("pipelines", "list");
            table.Output.Should().MatchRegex(@"^NAME\s+PHASE\s+STEPS\s+AGE\nscoring\s+<none>\s+classify\s+\d+s\n$");
            var description = await Cli("pipelines", "get", "scoring");
            description.Output.Should().MatchRegex(@"classify\s+model\s+<none>");

            var notFound = await Cli("pipelines", "get", "nope");
            notFound.ExitCode.Should().Be(3);
            notFound.Errors.Should().Contain($"pipeline \"nope\" not found in namespace \"{TestNamespace}\"");

            (await Cli("pipelines", "delete", "scoring", "--wait")).ExitCode.Should().Be(0);
            (await Client.For(Api.V1Alpha1.Pipeline.Resource).GetOrNullAsync(TestNamespace, "scoring")).Should().BeNull();
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    private async Task<string> ManifestAsync(int challengerWeight, string name = "fraud")
    {
        var path = Path.Combine(Path.GetTempPath(), $"md-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, $"""
            apiVersion: modelship.dev/v1alpha1
            kind: ModelDeployment
            metadata:
              name: {name}
            spec:
              model:
                uri: https://models.example/fraud-v1.onnx
                version: v1
              traffic:
                challengers:
                  - name: fraud-v2
                    weight: {challengerWeight}
                    model:
                      uri: https://models.example/fraud-v2.onnx
                      version: v2
            """);
        return path;
    }

    private async Task<string> UnreachableKubeconfigAsync()
    {
        var closedPort = TestCluster.FreePort.Next();
        var path = Path.Combine(Path.GetTempPath(), $"kubeconfig-closed-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(path, _cluster.Kubeconfig(TestCluster.TestCluster.AdminUser, _cluster.AdminToken)
            .Replace($"127.0.0.1:{_cluster.ApiServerPort}", $"127.0.0.1:{closedPort}", StringComparison.Ordinal));
        return path;
    }
}
