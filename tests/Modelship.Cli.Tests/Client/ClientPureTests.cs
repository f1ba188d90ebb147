using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.Cli.Client;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;
using Modelship.Serving.Batch;
using Modelship.Serving.Protocol;

namespace Modelship.Cli.Tests.Client;

/// <summary>The pure parts of `modelship deployments|pipelines`: tables, readiness, manifests, patches, inputs, errors.</summary>
public sealed class ClientPureTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(119, "119s")]
    [InlineData(150, "2m30s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 + 120, "3h2m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(50 * 3600, "2d2h")]
    [InlineData(400 * 86400, "400d")]
    [InlineData(3 * 365 * 86400 + 86400, "3y1d")]
    public void Age_is_rounded_like_kubectl(int seconds, string expected) =>
        Age.Format(TimeSpan.FromSeconds(seconds)).Should().Be(expected);

    [Fact]
    public void Traffic_column_lists_weights_and_shadows_or_none()
    {
        ModelDeploymentTable.Traffic(null).Should().Be("<none>");
        ModelDeploymentTable.Traffic(
        [
            new TrafficBackendStatus { Name = "champion", Version = "v1", Role = TrafficRole.Champion, Weight = 80 },
            new TrafficBackendStatus { Name = "b", Version = "v2", Role = TrafficRole.Challenger, Weight = 20 },
            new TrafficBackendStatus { Name = "c", Version = "v3", Role = TrafficRole.Shadow, Weight = 0 },
        ]).Should().Be("v1 80%, v2 20%, v3 shadow");
    }

    [Fact]
    public void Text_table_pads_columns_like_kubectl()
    {
        TextTable.Format(["NAME", "PHASE"], [["iris", "Active"], ["a-longer-name", "Deploying"]])
            .Should().Be("NAME            PHASE\niris            Active\na-longer-name   Deploying\n");
    }

    public static TheoryData<string, long, ReadinessState, string> ReadinessCases => new()
    {
        { """{}""", 1, ReadinessState.Waiting, "waiting for the operator to observe generation 1" },
        { """{"observedGeneration":1,"phase":"Active","conditions":[{"type":"Ready","status":"True","reason":"Serving","message":"ok"}]}""", 2, ReadinessState.Waiting, "waiting for the operator to observe generation 2" },
        { """{"observedGeneration":2,"phase":"Deploying","conditions":[{"type":"Progressing","status":"True","reason":"Rollout","message":"v2 starting"}]}""", 2, ReadinessState.Waiting, "phase Deploying (v2 starting)" },
        { """{"observedGeneration":2,"phase":"Active","conditions":[{"type":"Ready","status":"True","reason":"Serving","message":"ok"}]}""", 2, ReadinessState.Ready, "phase Active, Ready (ok)" },
        { """{"observedGeneration":2,"phase":"Active","conditions":[{"type":"Ready","status":"False","reason":"Fetching","message":"fetching v2"}]}""", 2, ReadinessState.Waiting, "phase Active (Fetching: fetching v2)" },
        { """{"observedGeneration":2,"phase":"Failed","conditions":[{"type":"Ready","status":"False","reason":"FetchFailed","message":"404"}]}""", 2, ReadinessState.Failed, "phase Failed (FetchFailed: 404)" },
    };

    [Theory]
    [MemberData(nameof(ReadinessCases))]
    public void Readiness_needs_the_current_generation_Active_and_Ready(string status, long generation, ReadinessState state, string description)
    {
        var obj = new GenericObject { Metadata = new V1ObjectMeta { Name = "iris", Generation = generation }, Status = JsonNode.Parse(status)!.AsObject() };
        Readiness.Observe(obj).Should().Be(new ReadinessObservation(state, description));
    }

    [Fact]
    public void Manifest_documents_of_the_kind_get_the_namespace_and_other_kinds_are_left_out()
    {
        var selection = ManifestDocuments.Select("""
            apiVersion: modelship.dev/v1alpha1
            kind: ModelDeployment
            metadata: {name: iris}
            spec: {model: {uri: "file:///m.onnx", version: v1}}
            ---
            apiVersion: modelship.dev/v1alpha1
            kind: RefreshSchedule
            metadata: {name: nightly}
            """, "m.yaml", DeployedKind.ModelDeployment, "team-a", null);
        selection.Objects.Should().ContainSingle().Which.Metadata.NamespaceProperty.Should().Be("team-a");
        selection.Objects[0].Spec!["model"]!["version"]!.GetValue<string>().Should().Be("v1");
        selection.IgnoredKinds.Should().Equal("RefreshSchedule");
    }

    [Theory]
    [InlineData("kind: Pipeline\nmetadata: {name: p}\n", null, "m.yaml holds no ModelDeployment (kinds found: Pipeline)")]
    [InlineData("kind: ModelDeployment\nmetadata: {}\n", null, "m.yaml: a ModelDeployment has no metadata.name")]
    [InlineData("kind: ModelDeployment\nmetadata: {name: x, namespace: b}\n", "a", "does not match the namespace \"a\" given with -n")]
    [InlineData("kind: [", null, "m.yaml: invalid YAML")]
    public void Manifests_that_cannot_be_applied_are_usage_errors(string yaml, string? explicitNamespace, string message)
    {
        var act = () => ManifestDocuments.Select(yaml, "m.yaml", DeployedKind.ModelDeployment, explicitNamespace ?? "default", explicitNamespace);
        act.Should().Throw<ClientCommandException>().Where(e => e.ExitCode == CliExitCodes.Usage && e.Message.Contains(message));
    }

    [Fact]
    public void Update_patch_changes_only_the_champions_model_and_the_reason()
    {
        ModelChange.UpdatePatch("s3://b/m2.onnx", "v2", null, "data-drift").ToJsonString()
            .Should().Be("""{"spec":{"model":{"uri":"s3://b/m2.onnx","version":"v2"},"replacement":{"reason":"DATA_DRIFT"}}}""");
        var nothing = () => ModelChange.UpdatePatch(null, null, null, "ACCURACY");
        nothing.Should().Throw<ClientCommandException>().Where(e => e.ExitCode == CliExitCodes.Usage);
        var unknown = () => ModelChange.UpdatePatch("s3://b/m", null, null, "boredom");
        unknown.Should().Throw<ClientCommandException>().Which.Message.Should().Contain("ACCURACY, DATA_DRIFT");
    }

    [Fact]
    public void Predict_inputs_V2_request_rows_records_and_split()
    {
        var v2 = """{"inputs":[{"name":"input","shape":[1,2],"datatype":"FP32","data":[1,2]}]}""";
        PredictInput.FromJson(Encoding.UTF8.GetBytes(v2), "in.json").V2Request.Should().Equal(Encoding.UTF8.GetBytes(v2));

        var inputs = new[] { new TensorMetadata("x", "FP32", [-1, 2]) };
        string Body(string json) => Encoding.UTF8.GetString(PredictRequest.Build(PredictInput.FromJson(Encoding.UTF8.GetBytes(json), "in.json"), inputs, new TensorLayoutOptions()));
        const string expected = """{"inputs":[{"name":"x","datatype":"FP32","shape":[2,2],"data":[1,2,3,4]}]}""";
        Body("[[1,2],[3,4]]").Should().Be(expected);
        Body("""[{"a":1,"b":2},{"a":3,"b":4}]""").Should().Be(expected);
        Body("""{"dataframe_records":[{"a":1,"b":2},{"a":3,"b":4}]}""").Should().Be(expected);
        Body("""{"dataframe_split":{"columns":["a","b"],"data":[[1,2],[3,4]]}}""").Should().Be(expected);

        var ragged = () => Body("[[1,2],[3]]");
        ragged.Should().Throw<ClientCommandException>().Where(e => e.ExitCode == CliExitCodes.Usage && e.Message.Contains("row 2"));
        var neither = () => PredictInput.FromJson("""{"rows":1}"""u8.ToArray(), "in.json");
        neither.Should().Throw<ClientCommandException>().Where(e => e.ExitCode == CliExitCodes.Usage);
    }

    [Fact]
    public void Predict_table_has_a_row_per_input_row_and_a_column_per_output()
    {
        var answer = """{"model_name":"iris","model_version":"v1","outputs":[{"name":"label","shape":[2],"datatype":"INT64","data":[0,2]},{"name":"p","shape":[2,2],"datatype":"FP32","data":[0.9,0.1,0.2,0.8]}]}"""u8.ToArray();
        PredictOutput.Format(answer, OutputFormat.Table).Should().Be("model iris version v1\nROW   LABEL   P\n1     0       [0.9,0.1]\n2     2       [0.2,0.8]\n");
    }

    [Fact]
    public void The_service_proxy_path_names_the_router_Service_and_its_http_port()
    {
        ServingEndpoint.ServiceProxy(new Uri("https://10.0.0.1:6443/"), "team-a", "iris").AbsoluteUri
            .Should().Be("https://10.0.0.1:6443/api/v1/namespaces/team-a/services/iris:http/proxy/");
    }

    [Fact]
    public void Api_errors_become_messages_with_their_exit_codes()
    {
        var kind = DeployedKind.ModelDeployment;
        ApiFailures.Describe(new KubernetesApiException(HttpStatusCode.NotFound, KubernetesErrorReason.NotFound, "nf"), kind, "x", "y")
            .Should().Match<ClientCommandException>(e => e.ExitCode == 3 && e.Message == "modeldeployment \"x\" not found in namespace \"y\"");
        var invalid = new KubernetesApiException(HttpStatusCode.UnprocessableEntity, KubernetesErrorReason.Invalid, "invalid",
            [new V1StatusCause { Field = "spec.model.version", Message = "Invalid value" }], status: new V1Status { Message = "ModelDeployment \"x\" is invalid" });
        ApiFailures.Describe(invalid, kind, "x", "y").Should().Match<ClientCommandException>(e =>
            e.ExitCode == 5 && e.Message == "Error from server (Invalid): ModelDeployment \"x\" is invalid\n  spec.model.version: Invalid value");
        ApiFailures.Describe(new KubernetesApiException(HttpStatusCode.Forbidden, KubernetesErrorReason.Forbidden, "no"), kind, null, "y").ExitCode.Should().Be(4);
        ApiFailures.Describe(new HttpRequestException("Connection refused"), kind, null, "y", "https://127.0.0.1:1").Should().Match<ClientCommandException>(e =>
            e.ExitCode == 6 && e.Message.StartsWith("cannot reach the Kubernetes API server at https://127.0.0.1:1", StringComparison.Ordinal));
    }
}
