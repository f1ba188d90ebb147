using Modelship.Api.Routing;

namespace Modelship.Serving.Tests.Routing;

public class RoutingTableJsonTests
{
    private static RoutingTable FullTable() => new()
    {
        Generation = 42,
        ModelName = "iris",
        Backends =
        [
            RoutingTables.Backend("iris-v1", BackendRole.Champion, url: "http://10.0.0.5:8080", version: "v1"),
            RoutingTables.Backend("iris-v2", BackendRole.Challenger, weight: 20, url: "http://10.0.0.6:8080", version: "v2"),
            RoutingTables.Backend("iris-v3", BackendRole.Shadow, url: "http://127.0.0.1:9001", version: "v3"),
        ],
        StickyKey = new RoutingKey { Source = KeySource.Header, Name = "x-user-id" },
        KeySplit = new KeySplitRule
        {
            Source = KeySource.Input,
            Name = "country",
            Routes = new Dictionary<string, string> { ["de"] = "iris-v2", ["fr"] = "iris-v1" },
            Default = "iris-v1",
        },
        PredictionWarnings = [new PredictionBound { Output = "probability", Min = 0, Max = 1 }],
        Log = new InferenceLogSettings { SampleRate = 0.25, LogFailures = true, IncludeInputs = false },
    };

    [Fact]
    public void Round_trip_keeps_every_field()
    {
        var table = FullTable();

        var parsed = RoutingTable.Parse(table.Serialize());

        parsed.Should().BeEquivalentTo(table);
        parsed.Serialize(indented: true).Should().Be(table.Serialize(indented: true));
    }

    [Fact]
    public void Json_uses_camel_case_and_lowercase_enums()
    {
        var json = FullTable().Serialize();

        json.Should().Contain("\"generation\":42")
            .And.Contain("\"role\":\"champion\"")
            .And.Contain("\"role\":\"shadow\"")
            .And.Contain("\"source\":\"input\"")
            .And.Contain("\"modelName\":\"iris\"")
            .And.Contain("\"stickyKey\":{\"source\":\"header\",\"name\":\"x-user-id\"}")
            .And.NotContain("champion\":{", "the computed Champion property is not part of the JSON");
    }

    [Fact]
    public void Parse_reads_a_hand_written_table_and_ignores_unknown_fields()
    {
        const string json = """
            {
              "generation": 3,
              "modelName": "iris",
              "futureField": {"x": 1},
              "backends": [
                {"name": "a", "version": "1", "role": "champion", "url": "http://127.0.0.1:9001", "modelName": "iris"},
                {"name": "b", "version": "2", "role": "challenger", "url": "http://127.0.0.1:9002", "modelName": "iris", "weight": 30},
              ]
            }
            """;

        var table = RoutingTable.Parse(json);

        table.Generation.Should().Be(3);
        table.Champion!.Name.Should().Be("a");
        table.Backends[1].Role.Should().Be(BackendRole.Challenger);
        table.Backends[1].Weight.Should().Be(30);
        table.StickyKey.Should().BeNull();
    }

    [Fact]
    public void Parse_gives_absent_lists_their_empty_defaults()
    {
        var table = RoutingTable.Parse("""
            {"generation": 1, "modelName": "iris",
             "backends": [{"name": "champion", "version": "v1", "role": "champion", "url": "http://127.0.0.1:9001", "modelName": "iris"}],
             "keySplit": {"source": "header", "name": "x-region"}}
            """);

        table.PredictionWarnings.Should().NotBeNull().And.BeEmpty();
        table.KeySplit!.Routes.Should().NotBeNull().And.BeEmpty();
    }

    [Fact]
    public void Parse_rejects_malformed_json_with_a_routing_table_exception()
    {
        var act = () => RoutingTable.Parse("{\"generation\": 1, \"backends\": [");

        act.Should().Throw<RoutingTableException>().WithMessage("*not valid JSON*");
    }

    [Theory]
    [InlineData("\"boss\"")]
    [InlineData("7")]
    public void Parse_rejects_an_unknown_role(string role)
    {
        var json = "{\"modelName\":\"m\",\"backends\":[{\"name\":\"a\",\"version\":\"1\",\"role\":" + role + ",\"url\":\"http://127.0.0.1:1\",\"modelName\":\"m\"}]}";

        var act = () => RoutingTable.Parse(json);

        act.Should().Throw<RoutingTableException>();
    }

    [Fact]
    public void Parse_rejects_a_table_missing_required_fields()
    {
        var act = () => RoutingTable.Parse("""{"generation": 1, "backends": [{"name": "a"}]}""");

        act.Should().Throw<RoutingTableException>();
    }

    [Fact]
    public void Parse_rejects_an_invalid_table_and_lists_the_errors()
    {
        var invalid = FullTable() with { Backends = [RoutingTables.Backend("x", BackendRole.Challenger, 10)] };

        var act = () => RoutingTable.Parse(invalid.Serialize());

        act.Should().Throw<RoutingTableException>()
            .Which.Errors.Should().Contain(e => e.Contains("exactly one backend must be the champion"));
    }
}
