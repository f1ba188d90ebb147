using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// The replacement checks on a real API server, each failing path and a passing set: the operator's own HTTP clients
/// ask runtime stand-ins (real HTTP servers on loopback addresses, reached through <see cref="ClusterDnsStandIn"/>),
/// and the fetch and format failures come from the real <c>modelship fetch</c> and <c>modelship runtime</c> run with
/// the Pod template's arguments, their output put into the Pod's status as a kubelet does.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ReplacementCheckTests(SharedClusterFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private const string V1Address = "127.0.0.31";
    private const string V2Address = "127.0.0.32";

    private const string IrisMetadata = """{"name":"iris","versions":["1"],"platform":"onnxruntime","inputs":[{"name":"input","datatype":"FP32","shape":[-1,4]}],"outputs":[{"name":"probabilities","datatype":"FP32","shape":[-1,3]}]}""";
    private const string SampleRequest = """{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}""";

    private static string Probabilities(params double[] p) =>
        $$"""{"model_name":"iris","outputs":[{"name":"probabilities","shape":[1,3],"datatype":"FP32","data":[{{string.Join(',', p.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)))}}]}]}""";

    [Fact]
    public async Task A_digest_mismatch_fails_the_fetch_check_before_the_deadline()
    {
        await using var test = await StartAsync("checks-fetch");
        var model = await WriteModelAsync("iris-v2.onnx", "the bytes of iris v2");
        var wrongDigest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("other bytes")));

        await ChangeModelAsync(test.Op, new JsonObject { ["uri"] = $"file://{model}", ["version"] = "v2", ["sha256"] = wrongDigest });
        var (exitCode, message) = await test.Op.Kubelet.RunFetchContainerAsync("iris-v2");
        exitCode.Should().NotBe(0, message);
        message.Should().Contain("sha256 mismatch");
        await test.Op.Kubelet.CreateRuntimePodAsync("iris-v2", "iris-v2-a", [SimulatedKubelet.FailedTwice(RuntimeDeploymentBuilder.FetchContainerName, exitCode, message)], []);

        await AssertRefusedAsync(test.Op, "fetch", $"expected {wrongDigest}, got {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("the bytes of iris v2")))}");
    }

    [Fact]
    public async Task An_unloadable_model_fails_the_format_check_before_the_deadline()
    {
        await using var test = await StartAsync("checks-format");
        var model = await WriteModelAsync("iris-v2.onnx", "not an ONNX model");

        await ChangeModelAsync(test.Op, new JsonObject { ["uri"] = $"file://{model}", ["version"] = "v2" });
        var (fetchExit, fetchOutput) = await test.Op.Kubelet.RunFetchContainerAsync("iris-v2");
        fetchExit.Should().Be(0, fetchOutput);
        var server = (await test.Op.Deployments.GetAsync(test.Op.Namespace, "iris-v2")).Spec!.Template!.Spec!.Containers.Single(c => c.Name == RuntimeDeploymentBuilder.ServerContainerName);
        server.TerminationMessagePolicy.Should().Be("FallbackToLogsOnError");
        var args = server.Args!.ToList();
        args[args.IndexOf("--model") + 1] = model;
        args[args.IndexOf("--address") + 1] = "127.0.0.1";
        args[args.IndexOf("--port") + 1] = "0";
        var (exitCode, output) = await ModelshipExecutable.RunAsync(args, TimeSpan.FromSeconds(60));
        exitCode.Should().NotBe(0, output);
        var error = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        error.Should().StartWith("modelship runtime:");
        await test.Op.Kubelet.CreateRuntimePodAsync("iris-v2", "iris-v2-a",
            [SimulatedKubelet.Completed(RuntimeDeploymentBuilder.FetchContainerName)], [SimulatedKubelet.FailedTwice(RuntimeDeploymentBuilder.ServerContainerName, exitCode, output)]);

        await AssertRefusedAsync(test.Op, "format", error);
        (await test.Op.GetAsync("iris")).Status!.ReplacementValidation!.Checks!["fetch"].Status.Should().Be(ValidationResult.Passing);
    }

    [Fact]
    public async Task A_signature_mismatch_fails_the_signature_check()
    {
        await using var test = await StartAsync("checks-signature");
        test.Runtimes.Answer(V2Address, IrisMetadata.Replace("[-1,4]", "[-1,5]", StringComparison.Ordinal), 200, Probabilities(0.9, 0.05, 0.05));

        await ChangeModelAsync(test.Op, new JsonObject { ["uri"] = "https://models.example.com/iris/v2.onnx", ["version"] = "v2" });
        await test.Op.MarkAvailableAsync("iris-v2");

        await AssertRefusedAsync(test.Op, "signature", "input 'input' has shape [-1,5], was [-1,4]");
    }

    [Fact]
    public async Task A_sample_prediction_error_fails_the_sample_prediction_check()
    {
        await using var test = await StartAsync("checks-sample-error");
        test.Runtimes.Answer(V2Address, IrisMetadata, 400, """{"error":"input 'input': expected 4 FP32 values per row"}""");

        await ChangeModelAsync(test.Op, new JsonObject { ["uri"] = "https://models.example.com/iris/v2.onnx", ["version"] = "v2" },
            new JsonObject { ["request"] = SampleRequest });
        await test.Op.MarkAvailableAsync("iris-v2");

        await AssertRefusedAsync(test.Op, "samplePrediction", "answered the sample request with an error: 400 input 'input': expected 4 FP32 values per row");
        test.Runtimes.Inferences(V2Address).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_sample_prediction_out_of_tolerance_fails_the_sample_prediction_check()
    {
        await using var test = await StartAsync("checks-sample-tolerance");
        test.Runtimes.Answer(V2Address, IrisMetadata, 200, Probabilities(0.2, 0.7, 0.1));
        // The request from a ConfigMap this time.
        await test.Op.Client.For<V1ConfigMap>().CreateAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "iris-sample", NamespaceProperty = test.Op.Namespace },
            Data = new Dictionary<string, string> { ["request.json"] = SampleRequest },
        });

        await ChangeModelAsync(test.Op, new JsonObject { ["uri"] = "https://models.example.com/iris/v2.onnx", ["version"] = "v2" },
            new JsonObject { ["requestFrom"] = new JsonObject { ["name"] = "iris-sample" }, ["tolerance"] = new JsonObject { ["absolute"] = 0.01 } });
        await test.Op.MarkAvailableAsync("iris-v2");

        await AssertRefusedAsync(test.Op, "samplePrediction", "output 'probabilities'[0] is 0.2, the champion's 0.9 (difference 0.7)");
        test.Runtimes.Inferences(V1Address).Should().BeGreaterThan(0, "the champion answers the same request");
    }

    [Fact]
    public async Task Passing_checks_let_the_replacement_through()
    {
        await using var test = await StartAsync("checks-pass");
        test.Runtimes.Answer(V2Address, IrisMetadata, 200, Probabilities(0.895, 0.055, 0.05));
        var digest = new string('a', 64);

        await ChangeModelAsync(test.Op, new JsonObject { ["uri"] = "https://models.example.com/iris/v2.onnx", ["version"] = "v2", ["sha256"] = digest },
            new JsonObject { ["request"] = SampleRequest, ["tolerance"] = new JsonObject { ["absolute"] = 0.01 } });
        await test.Op.MarkAvailableAsync("iris-v2");

        await Eventually.HoldsAsync(async () => (await test.Op.RoutingTableAsync("iris"))?.Champion?.Version == "v2", Wait, "the table routes to v2");
        // Reported while the replacement is pending: the router has not acknowledged the new table.
        await Eventually.HoldsAsync(async () => (await test.Op.GetAsync("iris")).Status?.ReplacementValidation is not null, Wait, "the replacement checks recorded");
        var validation = (await test.Op.GetAsync("iris")).Status!.ReplacementValidation!;
        validation.Status.Should().Be(ValidationResult.Passing);
        validation.Checks!.Keys.Should().BeEquivalentTo("fetch", "format", "signature", "samplePrediction");
        validation.Checks.Values.Should().OnlyContain(c => c.Status == ValidationResult.Passing);
        validation.Checks["fetch"].Message.Should().Contain($"sha256 {digest} verified");
        validation.Checks["samplePrediction"].Message.Should().Be("outputs within tolerance of the champion's (absolute 0.01, relative 0; largest difference 0.005)");
    }

    private static async Task AssertRefusedAsync(ModelDeploymentOperator op, string check, string because)
    {
        await Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync("iris")).Status?.Conditions, ConditionTypes.Degraded)
            is { Status: ConditionStatus.True, Reason: ConditionReasons.ReplacementValidationFailed }, Wait, $"Degraded: ReplacementValidationFailed ({check})");

        var status = (await op.GetAsync("iris")).Status!;
        status.ReplacementValidation!.Version.Should().Be("v2");
        status.ReplacementValidation.Status.Should().Be(ValidationResult.Failing);
        status.ReplacementValidation.Checks![check].Status.Should().Be(ValidationResult.Failing);
        status.ReplacementValidation.Checks[check].Message.Should().Contain(because);
        status.ActiveModel!.Version.Should().Be("v1");
        status.History![0].Should().Match<ModelHistoryEntry>(h => h.Version == "v2" && h.Outcome == HistoryOutcome.Failed);
        status.History[0].Message.Should().StartWith($"{ConditionReasons.ReplacementValidationFailed}: the new version failed the replacement checks: ").And.Contain($"{check}: ").And.Contain(because);
        (await op.RoutingTableAsync("iris"))!.Backends.Select(b => b.Version).Should().Equal("v1");
        (await op.EventsAsync("iris")).Should().Contain(e => e.Reason == ConditionReasons.ReplacementValidationFailed && e.Type == "Warning");
    }

    private static Task ChangeModelAsync(ModelDeploymentOperator op, JsonObject model, JsonObject? samplePrediction = null)
    {
        var spec = new JsonObject { ["model"] = model };
        if (samplePrediction is not null)
        {
            spec["replacement"] = new JsonObject { ["validation"] = new JsonObject { ["samplePrediction"] = samplePrediction } };
        }
        return ModelDeploymentControllerTests.PatchSpecAsync(op, spec).ContinueWith(async _ =>
            await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v2") is not null, Wait, "v2 Deployment created")).Unwrap();
    }

    private static async Task<string> WriteModelAsync(string name, string content)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("modelship-checks-").FullName, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private async Task<ChecksTest> StartAsync(string ns)
    {
        var dns = new ClusterDnsStandIn();
        var runtimes = new RuntimeStandIn(V1Address, V2Address);
        runtimes.Answer(V1Address, IrisMetadata, 200, Probabilities(0.9, 0.05, 0.05));
        dns.Register("iris-v1", V1Address, runtimes.Port);
        dns.Register("iris-v2", V2Address, runtimes.Port);
        var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync(ns),
            runtimes: new RuntimeClients(new HttpModelMetadataSource(dns.Http), new HttpModelInferenceSource(dns.Http)));
        await ModelDeploymentControllerTests.ActivateV1Async(op);
        return new ChecksTest(op, runtimes, dns);
    }

    private sealed record ChecksTest(ModelDeploymentOperator Op, RuntimeStandIn Runtimes, ClusterDnsStandIn Dns) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Op.DisposeAsync();
            Runtimes.Dispose();
            Dns.Dispose();
        }
    }
}
