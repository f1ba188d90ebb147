using System.Text.Json.Nodes;
using Modelship.Api.Schema;
using Modelship.Api.Tests.Support;

namespace Modelship.Api.Tests.Pipelines;

public class PipelineCrdTests
{
    private static readonly JsonObject Crd = CustomResourceDefinitionBuilder.Build(ModelshipCustomResources.Pipeline);
    private static readonly JsonObject Version = (JsonObject)Crd["spec"]!["versions"]![0]!;
    private static readonly JsonObject Root = (JsonObject)Version["schema"]!["openAPIV3Schema"]!;

    [Fact]
    public void Names_short_name_and_status_subresource()
    {
        ((string?)Crd["metadata"]!["name"]).Should().Be("pipelines.modelship.dev");
        var names = Crd["spec"]!["names"]!;
        ((string?)names["kind"]).Should().Be("Pipeline");
        CrdSchema.Strings(names["shortNames"]).Should().Equal("mpipe");
        CrdSchema.Strings(names["categories"]).Should().Equal("modelship");
        Version["subresources"]!["status"].Should().BeOfType<JsonObject>();
    }

    [Fact]
    public void Printer_columns_are_phase_steps_endpoint_and_age()
    {
        ((JsonArray)Version["additionalPrinterColumns"]!).Select(c => ((string)c!["name"]!, (string)c["jsonPath"]!)).Should().Equal(
            ("Phase", ".status.phase"), ("Steps", ".status.stepSummary"), ("Endpoint", ".status.endpoint"), ("Age", ".metadata.creationTimestamp"));
    }

    [Fact]
    public void Every_field_is_described_for_kubectl_explain_and_steps_merge_by_name()
    {
        CrdSchema.Walk(Root).Where(n => n.Path.Length > 0 && !n.Path.EndsWith("[]", StringComparison.Ordinal) && !n.Path.EndsWith("{}", StringComparison.Ordinal) && n.Path != "metadata")
            .Should().OnlyContain(n => n.Node["description"] != null);
        var steps = (JsonObject)Root["properties"]!["spec"]!["properties"]!["steps"]!;
        ((string?)steps["x-kubernetes-list-type"]).Should().Be("map");
        CrdSchema.Strings(steps["x-kubernetes-list-map-keys"]).Should().Equal("name");
        var stepProperties = ((JsonObject)steps["items"]!["properties"]!).Select(p => p.Key);
        stepProperties.Should().BeEquivalentTo("name", "inputMap", "model", "multiModel", "keySplit", "randomSplit", "shadowDeploy", "audit", "select", "validations", "predictionDefaults");
        CrdSchema.Strings(Root["properties"]!["spec"]!["properties"]!["steps"]!["items"]!["properties"]!["multiModel"]!["properties"]!["combine"]!["enum"])
            .Should().Equal("concat", "mean", "vote", "first");
    }
}
