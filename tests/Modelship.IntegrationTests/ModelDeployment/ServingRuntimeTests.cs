using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.Api.Conditions;
using Modelship.Api.Runtimes;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// ServingRuntimes on a real kube-apiserver (the generated CRD from crds/): a ModelDeployment naming one gets runtime
/// Deployments built from it, a missing one is reported on the ModelDeployment, and editing one rolls its Deployments.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ServingRuntimeTests(SharedClusterFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static ServingRuntime PythonV2(string ns, string image = "registry.example/python-v2:1") => new()
    {
        Metadata = new V1ObjectMeta { Name = "python-v2", NamespaceProperty = ns },
        Spec = new ServingRuntimeSpec
        {
            SupportedModelFormats = [new SupportedModelFormat { Name = "custom", AutoSelect = true }, new SupportedModelFormat { Name = "onnx" }],
            Image = image,
            Command = ["/usr/bin/python3", "server.py"],
            Args = ["--model", "{{.ModelPath}}", "--name", "{{.ModelName}}", "--version", "{{.ModelVersion}}", "--port", "{{.Port}}", "--host", "{{.Host}}"],
            Port = 9000,
        },
    };

    [Fact]
    public async Task A_ModelDeployment_naming_a_ServingRuntime_gets_its_image_command_args_and_port_and_follows_its_edits()
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("srt-named"));
        var runtimes = op.Client.For<ServingRuntime>();
        await runtimes.CreateAsync(PythonV2(op.Namespace));
        await op.ModelDeployments.CreateAsync(ModelDeploymentSpecs.Iris(op.Namespace, change: spec => spec with { Runtime = new RuntimeSpec { Name = "python-v2" } }));

        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v1") is not null
            && await op.Client.For<V1Service>().GetOrNullAsync(op.Namespace, "iris-v1") is not null, Wait, "the runtime Deployment and Service exist");
        var pod = (await op.Deployments.GetAsync(op.Namespace, "iris-v1")).Spec!.Template!;
        var server = pod.Spec!.Containers.Single(c => c.Name == "server");
        server.Image.Should().Be("registry.example/python-v2:1");
        server.Command.Should().Equal("/usr/bin/python3", "server.py");
        server.Args.Should().Equal("--model", "/models", "--name", "iris", "--version", "v1", "--port", "9000", "--host", "0.0.0.0");
        server.Ports.Single().ContainerPort.Should().Be(9000);
        pod.Metadata!.Annotations![RuntimeDeploymentBuilder.ServingRuntimeAnnotation].Should().Be("python-v2");
        var service = await op.Client.For<V1Service>().GetAsync(op.Namespace, "iris-v1");
        service.Spec!.Ports.Single().TargetPort!.Value.Should().Be(RuntimeDeploymentBuilder.PortName, "the Service reaches the runtime's port by name");

        await runtimes.MergePatchAsync(op.Namespace, "python-v2", new JsonObject { ["spec"] = new JsonObject { ["image"] = "registry.example/python-v2:2" } });

        await Eventually.HoldsAsync(async () =>
            (await op.Deployments.GetAsync(op.Namespace, "iris-v1")).Spec!.Template!.Spec!.Containers.Single(c => c.Name == "server").Image == "registry.example/python-v2:2",
            Wait, "editing the ServingRuntime updates the runtime Deployment");
    }

    [Fact]
    public async Task A_missing_ServingRuntime_is_a_condition_and_an_Event_until_it_is_created()
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("srt-missing"));
        await op.ModelDeployments.CreateAsync(ModelDeploymentSpecs.Iris(op.Namespace, change: spec => spec with
        {
            Traffic = new TrafficSpec
            {
                Challengers = [new ChallengerSpec { Name = "python", Weight = 20, Model = new ModelSpec { Uri = "https://models.example.com/iris/v4.json", Format = ModelFormat.Custom, Version = "v4" } }],
            },
        }));

        await Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync("iris")).Status?.Conditions, ConditionTypes.Ready)?.Reason == RuntimeReasons.RuntimeNotFound, Wait, "Ready=False RuntimeNotFound");
        var ready = ConditionList.Find((await op.GetAsync("iris")).Status!.Conditions, ConditionTypes.Ready)!;
        ready.Status.Should().Be(ConditionStatus.False);
        ready.Message.Should().StartWith("spec.traffic.challengers[0].model.format is custom: no ServingRuntime in this namespace auto-selects it");
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("iris")).Any(e => e.Reason == RuntimeReasons.RuntimeNotFound && e.Type == "Warning"), Wait, "a Warning Event RuntimeNotFound");
        (await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v1")).Should().BeNull("nothing is deployed until every version has a server");

        await op.Client.For<ServingRuntime>().CreateAsync(PythonV2(op.Namespace));

        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v4") is not null, Wait, "creating the ServingRuntime deploys the challenger");
        (await op.Deployments.GetAsync(op.Namespace, "iris-v4")).Spec!.Template!.Spec!.Containers.Single(c => c.Name == "server").Image.Should().Be("registry.example/python-v2:1");
        (await op.Deployments.GetAsync(op.Namespace, "iris-v1")).Spec!.Template!.Spec!.Containers.Single(c => c.Name == "server").Args.Should().Contain("runtime", "the onnx champion stays on the built-in runtime");
        await Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync("iris")).Status?.Conditions, ConditionTypes.Ready)?.Reason != RuntimeReasons.RuntimeNotFound, Wait, "the condition clears");
    }

    [Fact]
    public async Task The_schema_refuses_a_ServingRuntime_without_formats_or_image()
    {
        using var admin = fixture.Cluster.AdminClient(new Kubernetes.Client.KubernetesClientOptions { SerializerOptions = Api.Serialization.ModelshipApiJsonContext.KubernetesClientOptions });
        await ModelDeploymentCrd.InstallAsync(admin);
        var ns = await fixture.Cluster.CreateNamespaceAsync("srt-schema");
        var bad = new ServingRuntime
        {
            Metadata = new V1ObjectMeta { Name = "bad", NamespaceProperty = ns },
            Spec = new ServingRuntimeSpec { SupportedModelFormats = [new SupportedModelFormat { Name = "sklearn" }], Image = "" },
        };

        var create = () => admin.For<ServingRuntime>().CreateAsync(bad);

        (await create.Should().ThrowAsync<Kubernetes.Client.KubernetesApiException>()).Which.Message.Should().Contain("spec.image").And.Contain("spec.supportedModelFormats.name");
    }
}
