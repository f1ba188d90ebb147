using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.Operator.Tests.ModelDeployment.Builders;

public sealed class ServingRuntimeWorkloadTests
{
    private static readonly ModelDeploymentBuildOptions Options = new();

    public static ServingRuntime Triton(Func<ServingRuntimeSpec, ServingRuntimeSpec>? change = null)
    {
        var spec = new ServingRuntimeSpec
        {
            SupportedModelFormats = [new SupportedModelFormat { Name = "onnx", Version = "1" }, new SupportedModelFormat { Name = "custom", AutoSelect = true }],
            Image = "nvcr.io/nvidia/tritonserver:24.01-py3",
            Command = ["tritonserver"],
            Args = ["--model-repository={{.ModelPath}}", "--http-port={{.Port}}", "--http-address={{.Host}}", "--model-control-mode=explicit", "--load-model={{.ModelName}}"],
            Env = [new EnvironmentVariable { Name = "MODEL_VERSION", Value = "{{.ModelVersion}}" }, new EnvironmentVariable { Name = "LOG_VERBOSE", Value = "0" }],
            Port = 8000,
            Resources = new ComputeResources { Requests = new Dictionary<string, string> { ["cpu"] = "1" } },
        };
        return new ServingRuntime { Metadata = new() { Name = "triton", NamespaceProperty = "risk" }, Spec = change is null ? spec : change(spec) };
    }

    [Fact]
    public void A_version_served_by_a_ServingRuntime_matches_golden()
    {
        var deployment = Samples.Fraud(spec => spec with
        {
            Model = new ModelSpec { Uri = "pvc://models/fraud/v2", Version = "v2", Format = ModelFormat.Onnx },
            Runtime = new RuntimeSpec { Name = "triton", Env = [new EnvironmentVariable { Name = "LOG_VERBOSE", Value = "1" }] },
        });
        Golden.Matches(RuntimeDeploymentBuilder.Build(deployment, ModelBackend.FromSpec(deployment.Spec)[0], Options, suspended: false, Triton()), "runtime-deployment-servingruntime");
    }

    [Fact]
    public void The_template_fills_image_command_args_env_port_and_resources_with_placeholders_expanded()
    {
        var deployment = Samples.Fraud(spec => spec with { Resources = null, Runtime = new RuntimeSpec { Name = "triton", ModelName = "scorer", Env = [new EnvironmentVariable { Name = "LOG_VERBOSE", Value = "1" }] } });
        var container = RuntimeDeploymentBuilder.Build(deployment, ModelBackend.FromSpec(deployment.Spec)[0], Options, suspended: false, Triton()).Spec!.Template!.Spec!.Containers.Single();

        container.Image.Should().Be("nvcr.io/nvidia/tritonserver:24.01-py3");
        container.Command.Should().Equal("tritonserver");
        container.Args.Should().Equal("--model-repository=/models", "--http-port=8000", "--http-address=0.0.0.0", "--model-control-mode=explicit", "--load-model=scorer");
        container.Ports.Single().ContainerPort.Should().Be(8000);
        container.ReadinessProbe!.HttpGet!.Path.Should().Be("/v2/models/scorer/ready");
        container.Env.Should().ContainSingle(e => e.Name == "MODEL_VERSION").Which.Value.Should().Be(deployment.Spec.Model.Version);
        container.Env.Should().ContainSingle(e => e.Name == "LOG_VERBOSE").Which.Value.Should().Be("1", "the ModelDeployment's env wins over the template's");
        container.Resources!.Requests!["cpu"].ToString().Should().Be("1", "the template's resources apply when the ModelDeployment has none");
    }

    [Fact]
    public void The_ModelDeployments_resources_replace_the_templates()
    {
        var deployment = Samples.Fraud(spec => spec with
        {
            Runtime = new RuntimeSpec { Name = "triton" },
            Resources = new ComputeResources { Limits = new Dictionary<string, string> { ["memory"] = "1Gi" } },
        });
        var container = RuntimeDeploymentBuilder.Build(deployment, ModelBackend.FromSpec(deployment.Spec)[0], Options, suspended: false, Triton()).Spec!.Template!.Spec!.Containers.Single();

        container.Resources!.Requests.Should().BeNull();
        container.Resources.Limits!["memory"].ToString().Should().Be("1Gi");
    }

    [Fact]
    public void A_changed_template_changes_the_desired_Deployment()
    {
        var deployment = Samples.Fraud(spec => spec with { Runtime = new RuntimeSpec { Name = "triton" } });
        var backend = ModelBackend.FromSpec(deployment.Spec)[0];
        var before = RuntimeDeploymentBuilder.Build(deployment, backend, Options, suspended: false, Triton());
        var after = RuntimeDeploymentBuilder.Build(deployment, backend, Options, suspended: false, Triton(s => s with { Image = "nvcr.io/nvidia/tritonserver:24.05-py3" }));

        var serializer = Api.Serialization.ModelshipApiJsonContext.KubernetesClientOptions;
        after.Spec!.Template!.Spec!.Containers.Single().Image.Should().Be("nvcr.io/nvidia/tritonserver:24.05-py3");
        AppliedHash.Stamp(after, serializer).Should().NotBe(AppliedHash.Stamp(before, serializer), "editing the ServingRuntime re-applies the Deployments built from it");
    }
}
