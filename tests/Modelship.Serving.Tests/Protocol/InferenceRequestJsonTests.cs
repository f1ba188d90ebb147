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
    [InlineData("{\"inputs\": [{\"name\": \"x\", \"datatype\": \"UINT8\", \"shape\": [1], \"data\": [256]}]}", "256 is out of range for UINT8")]
    [InlineData("{\"inputs\": [{\"name\": \"x\", \"datatype\": \"INT32\", \"shape\": [1], \"data\": [1.5]}]}", "1.5 is not an integer; INT32 takes integers")]
    [InlineData("{\"inputs\": [{\"name\": \"x\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [1]}]}", "not a valid BYTES")]
    [InlineData("{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"shape\": [1], \"data\": [null]}]}", "not a valid FP32")]
    [InlineData("{\"outputs\": [{}], \"inputs\": []}", "outputs[0]: 'name' is required")]
    public void Malformed_requests_throw_protocol_errors_that_say_what_is_wrong(string json, string message)
    {
        var parse = () => Parse(json);

        parse.Should().Throw<InferenceProtocolException>().Which.Message.Should().Contain(message);
    }

    [Theory]
    [InlineData("FP64", "1e400", "1e400 is out of range for FP64 (largest magnitude 1.7976931348623157E+308)")]
    [InlineData("FP64", "-1e400", "-1e400 is out of range for FP64")]
    [InlineData("FP32", "1e39", "1e39 is out of range for FP32 (largest magnitude 3.4028235E+38)")]
    [InlineData("FP32", "-3.5e38", "-3.5e38 is out of range for FP32")]
    [InlineData("FP16", "70000", "70000 is out of range for FP16 (largest magnitude 65504)")]
    [InlineData("INT8", "300", "300 is out of range for INT8 (-128 to 127)")]
    [InlineData("INT8", "-129", "-129 is out of range for INT8 (-128 to 127)")]
    [InlineData("UINT8", "300", "300 is out of range for UINT8 (0 to 255)")]
    [InlineData("UINT8", "-1", "-1 is out of range for UINT8 (0 to 255)")]
    [InlineData("INT16", "32768", "32768 is out of range for INT16 (-32768 to 32767)")]
    [InlineData("UINT16", "65536", "65536 is out of range for UINT16 (0 to 65535)")]
    [InlineData("INT32", "2147483648", "2147483648 is out of range for INT32 (-2147483648 to 2147483647)")]
    [InlineData("UINT32", "4294967296", "4294967296 is out of range for UINT32 (0 to 4294967295)")]
    [InlineData("INT64", "9223372036854775808", "9223372036854775808 is out of range for INT64 (-9223372036854775808 to 9223372036854775807)")]
    [InlineData("INT64", "-9223372036854775809", "-9223372036854775809 is out of range for INT64")]
    [InlineData("INT64", "1e19", "1e19 is out of range for INT64")]
    [InlineData("UINT64", "18446744073709551616", "18446744073709551616 is out of range for UINT64 (0 to 18446744073709551615)")]
    [InlineData("UINT64", "1.8446744073709552e19", "1.8446744073709552e19 is out of range for UINT64")]
    [InlineData("INT32", "2.5", "2.5 is not an integer; INT32 takes integers from -2147483648 to 2147483647")]
    [InlineData("INT64", "1.0", "1.0 is not written as an integer (no fraction or exponent)")]
    [InlineData("INT64", "\"7\"", "a string is not a valid INT64 value; INT64 takes integers from -9223372036854775808 to 9223372036854775807")]
    [InlineData("FP32", "\"inf\"", "a string is not a valid FP32 value; FP32 takes numbers and the strings \"NaN\", \"Infinity\", \"-Infinity\"")]
    [InlineData("BOOL", "0", "0 is not a valid BOOL value; BOOL takes true or false")]
    [InlineData("BYTES", "\"\\ud800\"", "the string is not text")]
    public void An_element_the_datatype_cannot_hold_is_refused_naming_the_input_element_and_problem(string datatype, string element, string problem)
    {
        var valid = datatype switch { "BOOL" => "true", "BYTES" => "\"a\"", _ => "0" };

        var parse = () => ParseInput(datatype, "[2]", $"[{valid}, {element}]");

        parse.Should().Throw<InferenceProtocolException>().Which.Message.Should().StartWith($"inputs[0] ('x'): element 1: {problem}");
    }

    [Fact]
    public void The_extremes_of_each_float_datatype_and_underflow_are_accepted()
    {
        ParseInput("FP16", "[2]", "[65504, -65504]").ToArray<Half>().Should().Equal(Half.MaxValue, Half.MinValue);
        ParseInput("FP32", "[2]", "[3.4028235e38, 1e-50]").ToArray<float>().Should().Equal(float.MaxValue, 0f);
        ParseInput("FP64", "[2]", "[-1.7976931348623157e308, 1e-400]").ToArray<double>().Should().Equal(double.MinValue, 0d);
    }

    [Fact]
    public void A_body_that_is_not_UTF8_is_refused_with_the_offset_of_the_first_bad_byte()
    {
        byte[] body = [.. "{\"inputs\": [], \"ignored\": \"ab"u8, 0xC3, 0x28, .. "\"}"u8];

        var parse = () => InferenceRequestJson.Parse(body);

        parse.Should().Throw<InferenceProtocolException>().Which.Message.Should().Be("request body is not valid UTF-8 (at byte 29)");
    }

    [Theory]
    [InlineData("{\"id\": \"\\ud800\", \"inputs\": []}", "id: a string is not valid text")]
    [InlineData("{\"inputs\": [{\"name\": \"x\\udfff\", \"datatype\": \"FP32\", \"shape\": [1], \"data\": [1]}]}", "inputs[0].name: a string is not valid text")]
    [InlineData("{\"inputs\": [], \"parameters\": {\"\\ud800\": 1}}", "parameters: a string is not valid text")]
    [InlineData("{\"inputs\": [], \"outputs\": [{\"name\": \"\\ud800\"}]}", "outputs[0].name: a string is not valid text")]
    public void A_string_escaping_half_a_surrogate_pair_is_refused(string json, string message)
    {
        var parse = () => Parse(json);

        parse.Should().Throw<InferenceProtocolException>().Which.Message.Should().StartWith(message);
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
