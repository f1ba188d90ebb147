using System.Text.Json.Nodes;
using Modelship.Api.Tests.Support;

namespace Modelship.Api.Tests.Schema;

public class CrdSchemaTests
{
    [Fact]
    public void Names_scope_and_subresources_are_those_of_ModelDeployment()
    {
        var crd = CrdSchema.Crd;
        ((string?)crd["metadata"]!["name"]).Should().Be("modeldeployments.modelship.dev");
        var spec = crd["spec"]!;
        ((string?)spec["group"]).Should().Be("modelship.dev");
        ((string?)spec["scope"]).Should().Be("Namespaced");
        var names = spec["names"]!;
        ((string?)names["kind"]).Should().Be("ModelDeployment");
        ((string?)names["listKind"]).Should().Be("ModelDeploymentList");
        ((string?)names["plural"]).Should().Be("modeldeployments");
        ((string?)names["singular"]).Should().Be("modeldeployment");
        CrdSchema.Strings(names["shortNames"]).Should().Equal("mdep");
        CrdSchema.Strings(names["categories"]).Should().Equal("modelship");
        var version = CrdSchema.Version;
        ((string?)version["name"]).Should().Be("v1alpha1");
        ((bool?)version["served"]).Should().BeTrue();
        ((bool?)version["storage"]).Should().BeTrue();
        version["subresources"]!["status"].Should().BeOfType<JsonObject>().Which.Should().BeEmpty();
    }

    [Fact]
    public void Printer_columns_read_status_fields()
    {
        var columns = ((JsonArray)CrdSchema.Version["additionalPrinterColumns"]!)
            .Select(c => ((string)c!["name"]!, (string)c["jsonPath"]!, (string)c["type"]!))
            .ToList();
        columns.Should().Equal(
            ("Ready", ".status.conditions[?(@.type==\"Ready\")].status", "string"),
            ("Phase", ".status.phase", "string"),
            ("Model", ".status.modelSummary", "string"),
            ("Challengers", ".status.trafficSummary", "string"),
            ("Endpoint", ".status.endpoint", "string"),
            ("Age", ".metadata.creationTimestamp", "date"));
    }

    [Theory]
    [InlineData("", "spec")]
    [InlineData("spec", "model")]
    [InlineData("spec.model", "uri,version")]
    [InlineData("spec.traffic.challengers[]", "model,name,weight")]
    [InlineData("spec.traffic.shadows[]", "model,name")]
    [InlineData("spec.traffic.stickyKey", "name,source")]
    [InlineData("spec.traffic.keySplit", "name,source")]
    [InlineData("spec.traffic.keySplit.routes[]", "target,value")]
    [InlineData("spec.rollout.steps[]", "weight")]
    [InlineData("spec.runtime.env[]", "name")]
    [InlineData("status.conditions[]", "lastTransitionTime,reason,status,type")]
    [InlineData("status.history[]", "outcome,uri,version")]
    [InlineData("status.traffic[]", "name,role,version,weight")]
    [InlineData("status.replacementValidation", "status")]
    [InlineData("status.replacementValidation.checks{}", "status")]
    public void Required_fields(string path, string required)
    {
        var node = path.Length == 0 ? CrdSchema.Root : CrdSchema.At(path);
        CrdSchema.Strings(node["required"]).Should().Equal(required.Split(','));
    }

    [Theory]
    [InlineData("spec.model.format", "onnx,custom")]
    [InlineData("spec.rollout.strategy", "Replace,Canary")]
    [InlineData("spec.replacement.reason", "ACCURACY,DATA_DRIFT,ERRORS,SCHEDULED_REFRESH,SCORING_SPEED,OTHER")]
    [InlineData("spec.traffic.stickyKey.source", "header,input")]
    [InlineData("spec.traffic.keySplit.source", "header,input")]
    [InlineData("spec.tolerations[].operator", "Equal,Exists")]
    [InlineData("spec.tolerations[].effect", "NoSchedule,PreferNoSchedule,NoExecute")]
    [InlineData("status.phase", "Pending,Deploying,Active,Failed,Stopped")]
    [InlineData("status.conditions[].status", "True,False,Unknown")]
    [InlineData("status.replacementValidation.status", "passing,warning,failing")]
    [InlineData("status.history[].outcome", "Active,Replaced,RolledBack,Failed")]
    [InlineData("status.traffic[].role", "champion,challenger,canary,shadow")]
    public void Enums_are_strings_with_their_json_names(string path, string values)
    {
        var node = CrdSchema.At(path);
        ((string?)node["type"]).Should().Be("string");
        CrdSchema.Strings(node["enum"]).Should().Equal(values.Split(','));
    }

    [Theory]
    [InlineData("spec.replicas", 0.0, null)]
    [InlineData("spec.traffic.challengers[].weight", 0.0, 100.0)]
    [InlineData("spec.rollout.steps[].weight", 1.0, 100.0)]
    [InlineData("spec.rollout.progressDeadlineSeconds", 1.0, null)]
    [InlineData("spec.rollout.analysis.maxErrorRate", 0.0, 1.0)]
    [InlineData("spec.rollout.analysis.minShadowAgreement", 0.0, 1.0)]
    [InlineData("spec.monitoring.sampleRate", 0.0, 1.0)]
    [InlineData("spec.runtime.port", 1.0, 65535.0)]
    public void Numeric_bounds(string path, double? minimum, double? maximum)
    {
        var node = CrdSchema.At(path);
        Number(node["minimum"]).Should().Be(minimum);
        Number(node["maximum"]).Should().Be(maximum);
    }

    [Theory]
    [InlineData("spec.replicas", "1")]
    [InlineData("spec.suspend", "false")]
    [InlineData("spec.model.format", "\"onnx\"")]
    [InlineData("spec.traffic.challengers[].model.format", "\"onnx\"")]
    [InlineData("spec.runtime.port", "8080")]
    [InlineData("spec.rollout.strategy", "\"Replace\"")]
    [InlineData("spec.rollout.progressDeadlineSeconds", "600")]
    [InlineData("spec.replacement.validation.requireSignatureMatch", "true")]
    [InlineData("spec.monitoring.sampleRate", "1")]
    public void Defaults(string path, string json)
    {
        CrdSchema.At(path)["default"]!.ToJsonString().Should().Be(json);
    }

    [Fact]
    public void Only_documented_fields_have_defaults()
    {
        CrdSchema.Walk(CrdSchema.Root).Where(n => n.Node.ContainsKey("default")).Select(n => n.Path).Should().BeEquivalentTo(
            "spec.replicas", "spec.suspend", "spec.model.format", "spec.runtime.port", "spec.rollout.strategy",
            "spec.rollout.progressDeadlineSeconds", "spec.rollout.analysis.minRequests", "spec.replacement.validation.requireSignatureMatch",
            "spec.replacement.validation.samplePrediction.requestFrom.key", "spec.monitoring.collectPredictions", "spec.monitoring.sampleRate",
            "spec.monitoring.associationIdSource", "spec.monitoring.statusInterval", "spec.monitoring.drift.reference.configMap.key",
            "spec.monitoring.drift.threshold", "spec.monitoring.drift.metric", "spec.monitoring.drift.window", "spec.monitoring.drift.minSamples",
            "spec.monitoring.accuracy.window", "spec.monitoring.accuracy.retention", "spec.monitoring.accuracy.maxPredictions",
            "spec.traffic.challengers[].model.format", "spec.traffic.shadows[].model.format");
    }

    [Theory]
    [InlineData("spec.model.uri", "^(file|pvc|http|https|s3)://.+$")]
    [InlineData("spec.model.sha256", "^[a-f0-9]{64}$")]
    [InlineData("spec.rollout.steps[].pause", "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")]
    [InlineData("spec.rollout.analysis.maxLatencyP99", "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")]
    [InlineData("spec.traffic.challengers[].name", "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    [InlineData("spec.rollout.analysis.maxErrorRateIncrease", "^([0-9]+(\\.[0-9]+)?|\\.[0-9]+)%?$")]
    [InlineData("spec.rollout.analysis.maxLatencyP99Increase", "^([0-9]+(\\.[0-9]+)?%|([0-9]+(\\.[0-9]+)?(ms|s|m|h))+)$")]
    public void Patterns(string path, string pattern)
    {
        ((string?)CrdSchema.At(path)["pattern"]).Should().Be(pattern);
    }

    [Theory]
    [InlineData("spec.resources.requests{}")]
    [InlineData("spec.resources.limits{}")]
    public void Resource_quantities_are_int_or_string(string path)
    {
        var node = CrdSchema.At(path);
        ((bool?)node["x-kubernetes-int-or-string"]).Should().BeTrue();
        node["anyOf"]!.AsArray().Select(n => (string?)n!["type"]).Should().Equal("integer", "string");
        ((string?)node["pattern"]).Should().StartWith("^(\\+|-)?");
    }

    [Theory]
    [InlineData("status.conditions", "type")]
    [InlineData("status.traffic", "name")]
    [InlineData("spec.traffic.challengers", "name")]
    [InlineData("spec.traffic.shadows", "name")]
    [InlineData("spec.traffic.keySplit.routes", "value")]
    public void Keyed_lists_are_list_maps(string path, string key)
    {
        var node = CrdSchema.At(path);
        ((string?)node["x-kubernetes-list-type"]).Should().Be("map");
        CrdSchema.Strings(node["x-kubernetes-list-map-keys"]).Should().Equal(key);
    }

    [Fact]
    public void History_is_bounded_to_ten_entries()
    {
        ((int?)CrdSchema.At("status.history")["maxItems"]).Should().Be(10);
    }

    [Fact]
    public void Times_are_date_time_strings()
    {
        foreach (var path in new[] { "status.conditions[].lastTransitionTime", "status.activeModel.since", "status.history[].activatedAt", "status.history[].retiredAt" })
        {
            var node = CrdSchema.At(path);
            ((string?)node["type"]).Should().Be("string", path);
            ((string?)node["format"]).Should().Be("date-time", path);
        }
    }

    private static double? Number(JsonNode? node) =>
        node is null ? null : double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Metadata_is_a_bare_object_as_the_api_server_requires()
    {
        CrdSchema.At("metadata").ToJsonString().Should().Be("{\"type\":\"object\"}");
    }
}
