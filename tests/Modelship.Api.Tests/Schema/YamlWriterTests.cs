using System.Text.Json.Nodes;
using Modelship.Api.Schema;
using Modelship.Api.Tests.Support;

namespace Modelship.Api.Tests.Schema;

public class YamlWriterTests
{
    [Fact]
    public void Generated_crd_yaml_reads_back_as_the_built_tree()
    {
        var yaml = YamlWriter.Write(CrdSchema.Crd);
        JsonNode.DeepEquals(YamlToJson.Convert(yaml), CrdSchema.Crd).Should().BeTrue();
    }

    [Theory]
    [InlineData("True")]
    [InlineData("no")]
    [InlineData("Off")]
    [InlineData("y")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("1")]
    [InlineData("0.5")]
    [InlineData("1e3")]
    [InlineData("")]
    [InlineData(" leading space")]
    [InlineData("a: b")]
    [InlineData("a #comment")]
    [InlineData("- item")]
    [InlineData("{flow}")]
    [InlineData("'quoted'")]
    [InlineData("line\nbreak")]
    [InlineData("\"Ready\"")]
    [InlineData("^(\\+|-)?$")]
    [InlineData("ünïcode")]
    public void Strings_stay_strings(string text)
    {
        var tree = new JsonObject { ["key"] = text, ["list"] = new JsonArray(JsonValue.Create(text)) };
        var back = YamlToJson.Convert(YamlWriter.Write(tree))!;
        ((string?)back["key"]).Should().Be(text);
        ((string?)back["list"]![0]).Should().Be(text);
    }

    [Fact]
    public void Plain_words_are_not_quoted()
    {
        YamlWriter.Write(new JsonObject { ["description"] = "Weight is the percentage (0-100) of requests." })
            .Should().Be("description: Weight is the percentage (0-100) of requests.\n");
    }

    [Fact]
    public void Keys_are_sorted_and_lists_nest_under_their_key()
    {
        var tree = new JsonObject
        {
            ["b"] = new JsonArray(new JsonObject { ["q"] = 1, ["p"] = true }, JsonValue.Create("s")),
            ["a"] = new JsonObject(),
            ["c"] = new JsonArray(),
        };
        YamlWriter.Write(tree).Should().Be("a: {}\nb:\n- p: true\n  q: 1\n- s\nc: []\n");
    }
}
