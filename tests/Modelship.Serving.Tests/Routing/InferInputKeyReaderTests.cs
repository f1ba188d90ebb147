using System.Text;
using System.Text.Json;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.Routing;

public class InferInputKeyReaderTests
{
    private static string? Read(string json, string input) => InferInputKeyReader.ReadFirstValue(Encoding.UTF8.GetBytes(json), input);

    [Fact]
    public void Reads_the_first_element_of_the_named_input()
    {
        const string json = """
            {"id": "r1", "parameters": {"x": [1, 2]},
             "inputs": [
               {"name": "features", "shape": [1, 4], "datatype": "FP32", "data": [[5.1, 3.5, 1.4, 0.2]]},
               {"name": "user", "shape": [2], "datatype": "BYTES", "data": ["alice", "bob"]}
             ]}
            """;

        Read(json, "user").Should().Be("alice");
        Read(json, "features").Should().Be("5.1");
    }

    [Fact]
    public void Name_may_come_after_data_and_scalars_keep_their_text()
    {
        Read("""{"inputs":[{"data":[[42]],"name":"id","datatype":"INT64","shape":[1,1]}]}""", "id").Should().Be("42");
        Read("""{"inputs":[{"data":[true],"name":"flag"}]}""", "flag").Should().Be("true");
        Read("""{"inputs":[{"name":"s","data":"scalar"}]}""", "s").Should().Be("scalar");
    }

    [Fact]
    public void Absent_input_or_empty_data_gives_null()
    {
        Read("""{"inputs":[{"name":"a","data":[1]}]}""", "b").Should().BeNull();
        Read("""{"inputs":[{"name":"a","data":[]}]}""", "a").Should().BeNull();
        Read("""{"outputs":[]}""", "a").Should().BeNull();
    }

    [Theory]
    [InlineData("{\"inputs\":[{\"name\":\"a\",\"data\":[1,]")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"inputs\": 5}")]
    public void Malformed_requests_throw(string json)
    {
        var act = () => Read(json, "a");

        act.Should().Throw<JsonException>();
    }
}
