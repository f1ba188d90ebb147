using System.Text.Json.Nodes;
using Modelship.Kubernetes.Yaml;

namespace Modelship.Kubernetes.Tests.Yaml;

public sealed class YamlDocumentsTests
{
    [Fact]
    public void Types_plain_scalars_by_the_core_schema_and_keeps_quoted_ones_as_strings()
    {
        var json = YamlDocuments.Parse("""
            int: 42
            negative: -7
            float: 0.25
            exponent: 1e3
            yes: true
            no: False
            nothing: null
            tilde: ~
            empty:
            quoted: "42"
            single: 'true'
            tagged: !!str 3
            version: v1
            text: hello world
            """).Single().AsObject();

        json["int"]!.GetValue<long>().Should().Be(42);
        json["negative"]!.GetValue<long>().Should().Be(-7);
        json["float"]!.GetValue<double>().Should().Be(0.25);
        json["exponent"]!.GetValue<double>().Should().Be(1000);
        json["yes"]!.GetValue<bool>().Should().BeTrue();
        json["no"]!.GetValue<bool>().Should().BeFalse();
        json["nothing"].Should().BeNull();
        json["tilde"].Should().BeNull();
        json["empty"].Should().BeNull();
        json["quoted"]!.GetValue<string>().Should().Be("42");
        json["single"]!.GetValue<string>().Should().Be("true");
        json["tagged"]!.GetValue<string>().Should().Be("3");
        json["version"]!.GetValue<string>().Should().Be("v1");
        json["text"]!.GetValue<string>().Should().Be("hello world");
    }

    [Fact]
    public void Reads_nested_mappings_sequences_and_block_strings()
    {
        var json = YamlDocuments.Parse("""
            spec:
              challengers:
                - name: v2
                  weight: 20
                - {name: v3, weight: 5}
              note: |
                line one
                line two
              after: 1
            """).Single();

        json["spec"]!["challengers"]!.AsArray().Select(c => c!["weight"]!.GetValue<long>()).Should().Equal(20, 5);
        json["spec"]!["note"]!.GetValue<string>().Should().Be("line one\nline two\n");
    }

    [Fact]
    public void Reads_every_document_of_a_stream_and_skips_empty_ones()
    {
        var documents = YamlDocuments.Parse("kind: A\n---\n---\nkind: B\n");

        documents.Select(d => d["kind"]!.GetValue<string>()).Should().Equal("A", "B");
    }

    [Fact]
    public void Invalid_yaml_is_a_FormatException_with_the_position()
    {
        var parse = () => YamlDocuments.Parse("a: [1, 2\nb: c");

        parse.Should().Throw<FormatException>().WithMessage("invalid YAML*");
        var unclosed = () => YamlDocuments.Parse("a: \"unclosed");
        unclosed.Should().Throw<FormatException>().WithMessage("invalid YAML at line 1*");
    }

    [Fact]
    public void The_result_serializes_to_the_equivalent_json()
    {
        YamlDocuments.Parse("a: 1\nb: [x, 2]").Single().ToJsonString().Should().Be("""{"a":1,"b":["x",2]}""");
        JsonNode.Parse(YamlDocuments.Parse("a: 1").Single().ToJsonString())!["a"]!.GetValue<long>().Should().Be(1);
    }
}
