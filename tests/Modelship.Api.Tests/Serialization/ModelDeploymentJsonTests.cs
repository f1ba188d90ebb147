using System.Text.Json;
using System.Text.Json.Nodes;
using Modelship.Api.Conditions;
using Modelship.Api.Serialization;
using Modelship.Api.Tests.Support;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;

namespace Modelship.Api.Tests.Serialization;

public class ModelDeploymentJsonTests
{
    private static readonly string s_samplePath = RepositoryRoot.File("config", "samples", "modelship_v1alpha1_modeldeployment.yaml");

    [Fact]
    public void Sample_manifest_round_trips_yaml_to_json_to_types_to_json()
    {
        var json = YamlToJson.Convert(File.ReadAllText(s_samplePath))!;

        var deployment = ModelshipApiJsonContext.ParseModelDeployment(json.ToJsonString());
        var written = JsonNode.Parse(ModelshipApiJsonContext.Serialize(deployment));

        JsonNode.DeepEquals(written, json).Should().BeTrue($"round trip changed the sample:\n{written}\nvs\n{json}");
    }

    [Fact]
    public void Sample_manifest_is_a_valid_spec_with_champion_challenger_shadow_and_canary()
    {
        var deployment = ModelshipApiJsonContext.ParseModelDeployment(YamlToJson.Convert(File.ReadAllText(s_samplePath))!.ToJsonString());

        ModelDeploymentValidator.Validate(deployment.Spec).Should().BeEmpty();
        deployment.Spec.Traffic!.Challengers.Should().ContainSingle().Which.Weight.Should().Be(20);
        deployment.Spec.Traffic.Shadows.Should().ContainSingle();
        deployment.Spec.Rollout!.Strategy.Should().Be(RolloutStrategy.Canary);
        deployment.Spec.Rollout.Analysis.Should().NotBeNull();
        deployment.Spec.Monitoring!.CollectPredictions.Should().BeTrue();
    }

    [Fact]
    public void Iris_example_parses_and_validates()
    {
        var yaml = File.ReadAllText(RepositoryRoot.File("examples", "iris", "modeldeployment.yaml"));
        var deployment = ModelshipApiJsonContext.ParseModelDeployment(YamlToJson.Convert(yaml)!.ToJsonString());

        ModelDeploymentValidator.Validate(deployment.Spec).Should().BeEmpty();
    }

    [Fact]
    public void Object_from_the_api_server_round_trips_with_metadata_and_status_intact()
    {
        const string json = """
            {
              "apiVersion": "modelship.dev/v1alpha1",
              "kind": "ModelDeployment",
              "metadata": {
                "name": "fraud", "namespace": "risk", "uid": "14567b08-5c4b-46e0-a350-52c46712147b",
                "resourceVersion": "209", "generation": 3, "creationTimestamp": "2026-11-22T05:38:57Z",
                "labels": {"team": "risk"}, "annotations": {"note": "x"},
                "finalizers": ["modelship.dev/cleanup"], "generateName": "fraud-", "deletionTimestamp": "2026-11-22T06:00:00Z",
                "ownerReferences": [{"apiVersion": "v1", "kind": "ConfigMap", "name": "owner", "uid": "u1"}],
                "managedFields": [{"manager": "kubectl", "operation": "Apply", "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {}}}]
              },
              "spec": {
                "model": {"uri": "pvc://models/v2/model.onnx", "format": "onnx", "version": "v2"},
                "replicas": 1, "suspend": false,
                "resources": {"requests": {"cpu": "1", "memory": "256Mi"}},
                "nodeSelector": {"pool": "inference"},
                "tolerations": [{"key": "gpu", "operator": "Exists", "effect": "NoSchedule", "tolerationSeconds": 30}],
                "runtime": {"image": "mlserver:1.6", "port": 8080, "args": ["--debug"], "env": [{"name": "A", "value": "b"}]},
                "traffic": {"keySplit": {"source": "input", "name": "country", "routes": [{"value": "FR", "target": "champion"}], "default": "champion"}}
              },
              "status": {
                "observedGeneration": 3,
                "phase": "Active",
                "conditions": [
                  {"type": "Ready", "status": "True", "observedGeneration": 3, "lastTransitionTime": "2026-11-22T05:00:00Z", "reason": "Available", "message": "serving v2"},
                  {"type": "Suspended", "status": "False", "lastTransitionTime": "2026-11-22T04:00:00Z", "reason": "NotSuspended"}
                ],
                "activeModel": {"version": "v2", "uri": "pvc://models/v2/model.onnx", "since": "2026-11-22T05:00:00Z"},
                "replacementValidation": {"version": "v2", "status": "warning", "checks": {"signature": {"status": "passing"}, "size": {"status": "warning", "message": "2x larger"}}},
                "history": [
                  {"version": "v2", "uri": "pvc://models/v2/model.onnx", "activatedAt": "2026-11-22T05:00:00Z", "reason": "DATA_DRIFT", "outcome": "Active"},
                  {"version": "v1", "uri": "pvc://models/v1/model.onnx", "activatedAt": "2026-11-01T05:00:00Z", "retiredAt": "2026-11-22T05:00:00Z", "outcome": "Replaced"}
                ],
                "traffic": [{"name": "champion", "version": "v2", "role": "champion", "weight": 100}],
                "trafficSummary": "0/0",
                "endpoint": "http://fraud.risk.svc:8080/v2/models/fraud",
                "routingGeneration": 7,
                "servedGeneration": 6
              }
            }
            """;

        var deployment = ModelshipApiJsonContext.ParseModelDeployment(json);

        JsonNode.DeepEquals(JsonNode.Parse(ModelshipApiJsonContext.Serialize(deployment)), JsonNode.Parse(json)).Should().BeTrue();
        deployment.Metadata.Generation.Should().Be(3);
        deployment.Metadata.Finalizers.Should().Equal("modelship.dev/cleanup");
        deployment.Metadata.DeletionTimestamp.Should().Be(new DateTime(2026, 11, 22, 6, 0, 0, DateTimeKind.Utc));
        deployment.Metadata.OwnerReferences.Should().ContainSingle();
        deployment.Metadata.ManagedFields.Should().ContainSingle();
        deployment.Status!.Conditions![0].Status.Should().Be(ConditionStatus.True);
        deployment.Status.History![1].RetiredAt.Should().Be(new DateTimeOffset(2026, 11, 22, 5, 0, 0, TimeSpan.Zero));
        deployment.Status.ReplacementValidation!.Checks!["size"].Status.Should().Be(ValidationResult.Warning);
    }

    [Fact]
    public void Numeric_quantities_are_read_as_their_text()
    {
        const string json = """{"model": {"uri": "file:///m.onnx", "version": "v1"}, "resources": {"requests": {"cpu": 1, "memory": 1.5e9}, "limits": {"cpu": "2"}}}""";

        var spec = JsonSerializer.Deserialize(json, ModelshipApiJsonContext.Default.ModelDeploymentSpec)!;

        spec.Resources!.Requests.Should().Equal(new Dictionary<string, string> { ["cpu"] = "1", ["memory"] = "1.5e9" });
        spec.Resources.Limits.Should().Equal(new Dictionary<string, string> { ["cpu"] = "2" });
    }

    [Fact]
    public void New_objects_carry_api_version_and_kind_and_omit_nulls()
    {
        var deployment = new ModelDeployment { Metadata = new k8s.Models.V1ObjectMeta { Name = "iris" }, Spec = new ModelDeploymentSpec { Model = new ModelSpec { Uri = "file:///m.onnx", Version = "v1" } } };

        ModelshipApiJsonContext.Serialize(deployment).Should().Be(
            """{"apiVersion":"modelship.dev/v1alpha1","kind":"ModelDeployment","metadata":{"name":"iris"},"spec":{"model":{"uri":"file:///m.onnx","version":"v1"}}}""");
    }

    [Fact]
    public void Times_are_written_as_utc_whole_seconds()
    {
        var condition = new Condition
        {
            Type = ConditionTypes.Ready,
            Status = ConditionStatus.False,
            LastTransitionTime = new DateTimeOffset(2026, 1, 2, 4, 5, 6, 789, TimeSpan.FromHours(2)),
            Reason = ConditionReasons.Deploying,
        };
        var status = new ModelDeploymentStatus { Conditions = [condition] };

        JsonSerializer.Serialize(status, ModelshipApiJsonContext.Default.ModelDeploymentStatus).Should().Be(
            """{"conditions":[{"type":"Ready","status":"False","lastTransitionTime":"2026-01-02T02:05:06Z","reason":"Deploying"}]}""");
    }

    [Fact]
    public void Missing_required_fields_are_rejected()
    {
        var read = () => ModelshipApiJsonContext.ParseModelDeployment("""{"spec": {"model": {"uri": "file:///m.onnx"}}}""");

        read.Should().Throw<JsonException>().WithMessage("*version*");
    }
}
