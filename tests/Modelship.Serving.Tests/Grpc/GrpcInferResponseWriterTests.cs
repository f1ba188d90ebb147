using System.Text.Json;
using Modelship.Serving.Grpc;
using Modelship.Serving.Grpc.V2;
using Modelship.Serving.Protocol;

namespace Modelship.Serving.Tests.Grpc;

public sealed class GrpcInferResponseWriterTests
{
    private static InferenceResponse Iris() => new(
        "iris",
        [
            InferenceTensor.FromArray("label", [2], new[] { 0L, 2L }),
            InferenceTensor.FromArray("probabilities", [1, 2], new[] { 0.25f, 0.75f }),
            InferenceTensor.FromStrings("species", [1], ["setosa"]),
        ],
        ModelVersion: "v1",
        Id: "r1",
        Parameters: new Dictionary<string, JsonElement> { ["valid"] = JsonDocument.Parse("true").RootElement.Clone() });

    [Fact]
    public void Typed_answers_fill_the_contents_field_of_each_datatype()
    {
        var response = GrpcInferResponseWriter.Write(Iris(), rawOutput: false, fallbackVersion: null);

        response.ModelName.Should().Be("iris");
        response.ModelVersion.Should().Be("v1");
        response.Id.Should().Be("r1");
        response.Parameters["valid"].BoolParam.Should().BeTrue();
        response.RawOutputContents.Should().BeEmpty();
        response.Outputs[0].Datatype.Should().Be("INT64");
        response.Outputs[0].Shape.Should().Equal(2L);
        response.Outputs[0].Contents.Int64Contents.Should().Equal(0L, 2L);
        response.Outputs[1].Contents.Fp32Contents.Should().Equal(0.25f, 0.75f);
        response.Outputs[2].Contents.BytesContents.Single().ToStringUtf8().Should().Be("setosa");
    }

    [Fact]
    public void Raw_answers_carry_every_output_in_raw_output_contents()
    {
        var response = GrpcInferResponseWriter.Write(Iris(), rawOutput: true, fallbackVersion: null);

        response.Outputs.Should().AllSatisfy(o => o.Contents.Should().BeNull());
        response.RawOutputContents.Should().HaveCount(3);
        response.RawOutputContents[0].ToByteArray().Should().Equal(BitConverter.GetBytes(0L).Concat(BitConverter.GetBytes(2L)));
        response.RawOutputContents[1].ToByteArray().Should().Equal(BitConverter.GetBytes(0.25f).Concat(BitConverter.GetBytes(0.75f)));
        response.RawOutputContents[2].ToByteArray().Should().Equal(new byte[] { 6, 0, 0, 0 }.Concat("setosa"u8.ToArray()));
    }

    [Fact]
    public void An_fp16_output_makes_the_whole_answer_raw()
    {
        var answer = new InferenceResponse("m", [InferenceTensor.FromArray("h", [1], new[] { (Half)1.5 }), InferenceTensor.FromArray("i", [1], new[] { 3 })]);

        var response = GrpcInferResponseWriter.Write(answer, rawOutput: false, fallbackVersion: "7");

        response.ModelVersion.Should().Be("7", "the answer named none, the router's header did");
        response.RawOutputContents.Select(r => r.ToByteArray()).Should().BeEquivalentTo(
            [BitConverter.GetBytes((Half)1.5), BitConverter.GetBytes(3)], o => o.WithStrictOrdering());
    }

    [Fact]
    public void Raw_round_trip_keeps_every_fixed_width_datatype()
    {
        InferenceTensor[] tensors =
        [
            InferenceTensor.FromArray("u8", [2], new byte[] { 0, 255 }),
            InferenceTensor.FromArray("u64", [1], new[] { ulong.MaxValue }),
            InferenceTensor.FromArray("i8", [1], new sbyte[] { -128 }),
            InferenceTensor.FromArray("f64", [2], new[] { double.NaN, -0.0 }),
        ];
        var response = GrpcInferResponseWriter.Write(new InferenceResponse("m", tensors), rawOutput: true, fallbackVersion: null);
        var request = new ModelInferRequest { ModelName = "m" };
        foreach (var output in response.Outputs)
        {
            var input = new ModelInferRequest.Types.InferInputTensor { Name = output.Name, Datatype = output.Datatype };
            input.Shape.Add(output.Shape);
            request.Inputs.Add(input);
        }

        request.RawInputContents.Add(response.RawOutputContents);

        var back = GrpcInferRequestReader.Read(request).Request.Inputs;

        back.Select(t => t.Buffer).Should().BeEquivalentTo(tensors.Select(t => t.Buffer), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Json_parameters_without_a_grpc_kind_travel_as_their_json_text()
    {
        var parameter = GrpcParameters.FromJson(JsonDocument.Parse("""{"a":[1,2]}""").RootElement);
        var integer = GrpcParameters.FromJson(JsonDocument.Parse("42").RootElement);
        var fraction = GrpcParameters.FromJson(JsonDocument.Parse("0.5").RootElement);

        parameter.StringParam.Should().Be("""{"a":[1,2]}""");
        integer.Int64Param.Should().Be(42);
        fraction.DoubleParam.Should().Be(0.5);
    }
}
