using System.Text.Json.Nodes;
using Modelship.Api.Tests.Support;

namespace Modelship.Api.Tests.Schema;

/// <summary>The rules of a structural schema that kube-apiserver 1.20 enforces, and our documentation rule.</summary>
public class StructuralSchemaTests
{
    private static readonly IReadOnlyList<(string Path, JsonObject Node)> s_nodes = [.. CrdSchema.Walk(CrdSchema.Root)];

    [Fact]
    public void Every_property_has_a_description_except_metadata()
    {
        var undocumented = s_nodes
            .Where(n => n.Path.Length > 0 && !n.Path.EndsWith("[]", StringComparison.Ordinal) && !n.Path.EndsWith("{}", StringComparison.Ordinal))
            .Where(n => n.Path != "metadata")
            .Where(n => string.IsNullOrWhiteSpace((string?)n.Node["description"]))
            .Select(n => n.Path);
        undocumented.Should().BeEmpty();
        s_nodes.Should().HaveCountGreaterThan(100, "the walk must reach the whole schema");
    }

    [Fact]
    public void Every_node_has_a_type_unless_it_is_int_or_string()
    {
        s_nodes.Where(n => n.Node["type"] is null && n.Node["x-kubernetes-int-or-string"] is null).Select(n => n.Path).Should().BeEmpty();
    }

    [Fact]
    public void No_node_has_both_properties_and_additionalProperties()
    {
        s_nodes.Where(n => n.Node.ContainsKey("properties") && n.Node.ContainsKey("additionalProperties")).Select(n => n.Path).Should().BeEmpty();
    }

    [Fact]
    public void Objects_declare_properties_or_additionalProperties_and_arrays_declare_items()
    {
        s_nodes.Where(n => (string?)n.Node["type"] == "object" && n.Path != "metadata" && !PreservesUnknownFields.Contains(n.Path)
                && !n.Node.ContainsKey("properties") && !n.Node.ContainsKey("additionalProperties"))
            .Select(n => n.Path).Should().BeEmpty("nothing else may rely on preserve-unknown-fields");
        s_nodes.Where(n => (string?)n.Node["type"] == "array" && n.Node["items"] is null).Select(n => n.Path).Should().BeEmpty();
    }

    [Fact]
    public void Only_embedded_kubernetes_templates_preserve_unknown_fields_and_nothing_uses_cel()
    {
        s_nodes.Where(n => n.Node.ContainsKey("x-kubernetes-preserve-unknown-fields")).Select(n => n.Path)
            .Should().BeEquivalentTo(PreservesUnknownFields);
        CrdSchema.Root.ToJsonString().Should().NotContain("x-kubernetes-validations");
    }

    /// <summary>
    /// A batch/v1 JobTemplateSpec (spec.notifications[].job.template): its schema is Kubernetes', which our generator
    /// cannot derive from our types; the API server validates the Job when the operator creates it. And V2 request
    /// parameters (spec.predictionDefaults.parameters): each value is a string, number or boolean, which a structural
    /// schema cannot say (anyOf over types is not structural); the operator's validator checks them (InvalidSpec).
    /// </summary>
    private static readonly string[] PreservesUnknownFields = ["spec.notifications[].job.template", "spec.predictionDefaults.parameters"];

    [Fact]
    public void AnyOf_is_only_used_for_int_or_string_and_its_branches_carry_only_types()
    {
        foreach (var (path, node) in s_nodes.Where(n => n.Node.ContainsKey("anyOf")))
        {
            ((bool?)node["x-kubernetes-int-or-string"]).Should().BeTrue(path);
            node.ContainsKey("default").Should().BeFalse(path);
            foreach (var branch in node["anyOf"]!.AsArray())
            {
                branch!.AsObject().Select(p => p.Key).Should().Equal(["type"], path);
            }
        }
    }

    [Fact]
    public void Required_names_exist_as_properties()
    {
        foreach (var (path, node) in s_nodes)
        {
            var properties = node["properties"] as JsonObject;
            foreach (var name in CrdSchema.Strings(node["required"]))
            {
                (properties?.ContainsKey(name) ?? false).Should().BeTrue($"{path} requires '{name}'");
            }
        }
    }
}
