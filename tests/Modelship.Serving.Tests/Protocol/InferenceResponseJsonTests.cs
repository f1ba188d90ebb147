using System.Text;
using Modelship.Serving.Protocol;

namespace Modelship.Serving.Tests.Protocol;

public sealed class InferenceResponseJsonTests
{
    [Fact]
    public void Writes_the_v2_response_shape_with_flat_data()
    {
        var response = new InferenceResponse(
            "iris",
            [
                InferenceTensor.FromArray("label", [2], new[] { 0L, 2L }),
                InferenceTensor.FromArray("p", [2, 2], new[] { 0.25f, 0.75f, float.NaN, float.PositiveInfinity }),
                InferenceTensor.FromStrings("name", [1], ["Grüße \"x\""]),
            ],
            ModelVersion: "2",
            Id: "r1");

        var json = Encoding.UTF8.GetString(InferenceResponseJson.Serialize(response));

        json.Should().Be(
            "{\"model_name\":\"iris\",\"model_version\":\"2\",\"id\":\"r1\",\"outputs\":[" +
            "{\"name\":\"label\",\"datatype\":\"INT64\",\"shape\":[2],\"data\":[0,2]}," +
            "{\"name\":\"p\",\"datatype\":\"FP32\",\"shape\":[2,2],\"data\":[0.25,0.75,\"NaN\",\"Infinity\"]}," +
            "{\"name\":\"name\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\"Grüße \\\"x\\\"\"]}]}");
    }

    [Fact]
    public void Parse_reads_what_write_wrote()
    {
        var response = new InferenceResponse("m", [InferenceTensor.FromArray("y", [1, 3], new[] { 1.5, -2.0, 1e-300 })]);

        var parsed = InferenceResponseJson.Parse(InferenceResponseJson.Serialize(response));

        parsed.ModelName.Should().Be("m");
        parsed.ModelVersion.Should().BeNull();
        parsed.Outputs.Single().Shape.Should().Equal(1, 3);
        parsed.Outputs.Single().ToArray<double>().Should().Equal(1.5, -2.0, 1e-300);
    }

    [Theory]
    [InlineData("{\"outputs\": []}", "'model_name' is required")]
    [InlineData("{\"model_name\": \"m\"}", "'outputs' is required")]
    [InlineData("{\"model_name\": \"m\", \"outputs\": [{\"name\": \"y\", \"datatype\": \"FP32\", \"shape\": [2], \"data\": [1]}]}", "shape needs 2 elements")]
    public void Malformed_responses_throw_protocol_errors(string json, string message)
    {
        var parse = () => InferenceResponseJson.Parse(Encoding.UTF8.GetBytes(json));

        parse.Should().Throw<InferenceProtocolException>().Which.Message.Should().Contain(message);
    }
}
