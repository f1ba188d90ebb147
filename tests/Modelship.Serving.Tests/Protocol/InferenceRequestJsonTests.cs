using System.Text;
using Modelship.Serving.Protocol;

namespace Modelship.Serving.Tests.Protocol;

public sealed class InferenceRequestJsonTests
{
    private static InferenceRequest Parse(string json) => InferenceRequestJson.Parse(Encoding.UTF8.GetBytes(json));

    private static InferenceTensor ParseInput(string datatype, string shape, string data) =>
        Parse($"{{\"inputs\": [{{\"name\": \"x\", \"datatype\": \"{datatype}\", \"shape\": {shape}, \"data\": {data}}}]}}").Inputs.Single();

    [Fact]
    public void Parses_every_datatype_into_typed_elements()
    {
        ParseInput("BOOL", "[2]", "[true, false]").ToArray<bool>().Should().Equal(true, false);
        ParseInput("UINT8", "[2]", "[0, 255]").ToArray<byte>().Should().Equal(0, 255);
        ParseInput("UINT16", "[1]", "[65535]").ToArray<ushort>().Should().Equal(65535);
        ParseInput("UINT32", "[1]", "[4294967295]").ToArray<uint>().Should().Equal(4294967295);
        ParseInput("UINT64", "[1]", "[18446744073709551615]").ToArray<ulong>().Should().Equal(ulong.MaxValue);
        ParseInput("INT8", "[2]", "[-128, 127]").ToArray<sbyte>().Should().Equal(-128, 127);
        ParseInput("INT16", "[1]", "[-32768]").ToArray<short>().Should().Equal(-32768);
        ParseInput("INT32", "[2]", "[-2147483648, 7]").ToArray<int>().Should().Equal(int.MinValue, 7);
        ParseInput("INT64", "[2]", "[-9007199254740993, 9223372036854775807]").ToArray<long>().Should().Equal(-9007199254740993, long.MaxValue);
        ParseInput("FP16", "[2]", "[0.5, -2]").ToArray<Half>().Should().Equal((Half)0.5f, (Half)(-2f));
        ParseInput("FP32", "[3]", "[0.1, -1e10, 3]").ToArray<float>().Should().Equal(0.1f, -1e10f, 3f);
        ParseInput("FP64", "[2]", "[0.1, 1e300]").ToArray<double>().Should().Equal(0.1, 1e300);
        ParseInput("BYTES", "[2]", "[\"a\", \"Grüße \\\"q\\\"\"]").Strings.Should().Equal("a", "Grüße \"q\"");
    }

    [Fact]
    public void Nested_data_is_flattened_row_major()
    {
        var nested = ParseInput("INT32", "[2,2,2]", "[[[1,2],[3,4]],[[5,6],[7,8]]]");

        nested.Shape.Should().Equal(2, 2, 2);
        nested.ToArray<int>().Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
    }

    [Fact]
    public void A_scalar_may_be_given_without_an_array()
    {
        ParseInput("FP32", "[]", "2.5").ToArray<float>().Should().Equal(2.5f);
        ParseInput("INT64", "[1]", "[7]").ToArray<long>().Should().Equal(7);
    }

    [Fact]
    public void Members_may_come_in_any_order()
    {
        var request = Parse("""
            {"outputs": [{"name": "y", "parameters": {"binary_data": false}}],
             "inputs": [{"data": [1, 2], "parameters": {"content_type": "np"}, "shape": [2], "name": "x", "datatype": "FP64"}],
             "parameters": {"priority": 3}, "id": "abc", "ignored": {"deep": [1, {"x": 2}]}}
            """);

        request.Id.Should().Be("abc");
        request.Parameters!["priority"].GetInt32().Should().Be(3);
        request.Outputs!.Single().Name.Should().Be("y");
        request.Outputs!.Single().Parameters!["binary_data"].GetBoolean().Should().BeFalse();
        var input = request.Inputs.Single();
        input.Parameters!["content_type"].GetString().Should().Be("np");
        input.ToArray<double>().Should().Equal(1.0, 2.0);
    }

    [Fact]
    public void Non_finite_floats_travel_as_strings()
    {
        ParseInput("FP32", "[3]", "[\"NaN\", \"Infinity\", \"-Infinity\"]").ToArray<float>()
            .Should().Equal(float.NaN, float.PositiveInfinity, float.NegativeInfinity);
    }

    [Fact]
    public void Serialize_then_parse_round_trips()
    {
        var request = new InferenceRequest(
        [
            InferenceTensor.FromArray("f", [2, 2], new[] { 0.1f, float.NaN, float.NegativeInfinity, 1e-30f }),
            InferenceTensor.FromArray("d", [1], new[] { Math.PI }),
            InferenceTensor.FromArray("h", [1], new[] { (Half)1.5f }),
            InferenceTensor.FromArray("b", [2], new[] { true, false }),
            InferenceTensor.FromArray("u", [1], new[] { ulong.MaxValue }),
            InferenceTensor.FromStrings("s", [2], ["ünï", "\"q\"\n"]),
        ], [new RequestedOutput("out")], "id-1");

        var parsed = InferenceRequestJson.Parse(InferenceRequestJson.Serialize(request));

        parsed.Id.Should().Be("id-1");
        parsed.Outputs!.Single().Name.Should().Be("out");
        parsed.Inputs.Should().HaveCount(request.Inputs.Count);
        for (var i = 0; i < request.Inputs.Count; i++)
        {
            parsed.Inputs[i].Name.Should().Be(request.Inputs[i].Name);
            parsed.Inputs[i].DataType.Should().Be(request.Inputs[i].DataType);
            parsed.Inputs[i].Shape.Should().Equal(request.Inputs[i].Shape);
            if (request.Inputs[i].Strings is { } strings) parsed.Inputs[i].Strings.Should().Equal(strings);
            else parsed.Inputs[i].Buffer.Should().Equal(request.Inputs[i].Buffer);
        }
    }

    [Theory]
    [InlineData("", "request body is empty")]
    [InlineData("{\"inputs\": []} {}", "malformed JSON")]
    [InlineData("{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"shape\": [2]}]}", "'data' is required")]
    [InlineData("{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"data\": [1]}]}", "'shape' is required")]
    [InlineData("{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"data\": [1]}]}", "'datatype' is required")]
    [InlineData("{\"inputs\": [{\"datatype\": \"FP32\", \"shape\": [1], \"data\": [1]}]}", "inputs[0]: 'name' is required")]
    [InlineData("{\"inputs\": [{\"name\": 5, \"datatype\": \"FP32\", \"shape\": [1], \"data\": [1]}]}", "inputs[0].name: expected a string")]
    [InlineData("{\"inputs\": {}}", "inputs: expected an array")]
    [InlineData("{\"inputs\": [], \"parameters\": [1]}", "parameters: expected an object")]
    [InlineData("{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"shape\": [1.5], \"data\": [1]}]}", "non-negative integers")]
    [InlineData("{\"inputs\": [{\"name\": \"x\", \"datatype\": \"UINT8\", \"shape\": [1], \"data\": [256]}]}", "not a valid UINT8")]
    [InlineData("{\"inputs\": [{\"name\": \"x\", \"datatype\": \"INT32\", \"shape\": [1], \"data\": [1.5]}]}", "not a valid INT32")]
    [InlineData("{\"inputs\": [{\"name\": \"x\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [1]}]}", "not a valid BYTES")]
    [InlineData("{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"shape\": [1], \"data\": [null]}]}", "not a valid FP32")]
    [InlineData("{\"outputs\": [{}], \"inputs\": []}", "outputs[0]: 'name' is required")]
    public void Malformed_requests_throw_protocol_errors_that_say_what_is_wrong(string json, string message)
    {
        var parse = () => Parse(json);

        parse.Should().Throw<InferenceProtocolException>().Which.Message.Should().Contain(message);
    }

    [Fact]
    public void An_absurd_shape_is_rejected_before_allocating_for_it()
    {
        var parse = () => ParseInput("FP64", "[1000000000, 1000000000]", "[1]");

        parse.Should().Throw<InferenceProtocolException>().Which.Message.Should().Contain("needs 1000000000000000000 elements");
    }

    [Fact]
    public void An_overflowing_shape_is_rejected()
    {
        var parse = () => ParseInput("FP32", "[9223372036854775807, 4]", "[1]");

        parse.Should().Throw<InferenceProtocolException>().Which.Message.Should().Contain("not a valid tensor shape");
    }
}
