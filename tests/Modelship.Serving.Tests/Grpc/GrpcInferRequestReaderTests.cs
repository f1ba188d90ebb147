using System.Text;
using Google.Protobuf;
using Modelship.Serving.Grpc;
using Modelship.Serving.Grpc.V2;
using Modelship.Serving.Protocol;

namespace Modelship.Serving.Tests.Grpc;

public sealed class GrpcInferRequestReaderTests
{
    private static ModelInferRequest.Types.InferInputTensor Input(string name, string datatype, long[] shape, InferTensorContents? contents = null)
    {
        var input = new ModelInferRequest.Types.InferInputTensor { Name = name, Datatype = datatype, Contents = contents };
        input.Shape.Add(shape);
        return input;
    }

    private static ModelInferRequest Request(params ModelInferRequest.Types.InferInputTensor[] inputs)
    {
        var request = new ModelInferRequest { ModelName = "iris" };
        request.Inputs.Add(inputs);
        return request;
    }

    [Fact]
    public void Typed_contents_become_the_same_json_as_a_rest_request()
    {
        var contents = new InferTensorContents();
        contents.Fp32Contents.Add([5.1f, 3.5f, 1.4f, 0.2f]);
        var request = Request(Input("input", "FP32", [1, 4], contents));
        request.Id = "r1";
        request.Parameters["country"] = new InferParameter { StringParam = "us" };

        var call = GrpcInferRequestReader.Read(request);

        call.ModelName.Should().Be("iris");
        call.ModelVersion.Should().BeNull();
        call.RawOutput.Should().BeFalse();
        Encoding.UTF8.GetString(InferenceRequestJson.Serialize(call.Request)).Should().Be(
            """{"id":"r1","parameters":{"country":"us"},"inputs":[{"name":"input","datatype":"FP32","shape":[1,4],"data":[5.1,3.5,1.4,0.2]}]}""");
    }

    [Fact]
    public void Raw_contents_are_little_endian_elements_and_ask_for_a_raw_answer()
    {
        var request = Request(Input("x", "INT16", [3]), Input("s", "BYTES", [2]), Input("b", "BOOL", [2]));
        request.RawInputContents.Add(ByteString.CopyFrom(1, 0, 0xFF, 0xFF, 0x00, 0x80));
        request.RawInputContents.Add(ByteString.CopyFrom([2, 0, 0, 0, (byte)'h', (byte)'i', 3, 0, 0, 0, 0xC3, 0xA9, (byte)'!']));
        request.RawInputContents.Add(ByteString.CopyFrom(0, 7));

        var call = GrpcInferRequestReader.Read(request);

        call.RawOutput.Should().BeTrue();
        call.Request.Inputs[0].ToArray<short>().Should().Equal(1, -1, short.MinValue);
        call.Request.Inputs[1].Strings.Should().Equal("hi", "é!");
        call.Request.Inputs[2].ToArray<bool>().Should().Equal(false, true);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Binary_data_output_decides_the_answer_form_and_is_not_passed_on(bool asked, bool raw)
    {
        var request = Request(Input("x", "FP64", [1]));
        request.RawInputContents.Add(ByteString.CopyFrom(BitConverter.GetBytes(2.5)));
        request.Parameters[GrpcInferRequestReader.BinaryDataOutput] = new InferParameter { BoolParam = asked };

        var call = GrpcInferRequestReader.Read(request);

        call.RawOutput.Should().Be(raw);
        call.Request.Parameters.Should().BeNull();
        call.Request.Inputs[0].ToArray<double>().Should().Equal(2.5);
    }

    public static TheoryData<string, Action<ModelInferRequest>, string> BadRequests => new()
    {
        { "no model", r => r.ModelName = "", "model_name is required" },
        { "wrong field", r => r.Inputs[0].Contents = Contents(c => c.IntContents.Add([1, 2, 3, 4])), "inputs[0] ('input'): datatype FP32 takes fp32_contents, but int_contents has 4 element(s)" },
        { "too few", r => r.Inputs[0].Contents = Contents(c => c.Fp32Contents.Add([1, 2, 3])), "inputs[0] ('input'): shape [1,4] needs 4 element(s), fp32_contents has 3" },
        { "unknown datatype", r => r.Inputs[0].Datatype = "FLOAT", "inputs[0] ('input'): unknown datatype 'FLOAT'" },
        { "negative shape", r => r.Inputs[0].Shape[0] = -1, "inputs[0] ('input'): shape [-1,4] is not a valid tensor shape" },
        { "raw too short", r => { r.Inputs[0].Contents = null; r.RawInputContents.Add(ByteString.CopyFrom(new byte[15])); }, "needs 16 raw bytes (4 x 4), raw_input_contents has 15" },
        { "raw and typed", r => r.RawInputContents.Add(ByteString.CopyFrom(new byte[16])), "inputs[0] ('input'): has both contents and raw_input_contents; send one" },
        { "raw count", r => { r.Inputs[0].Contents = null; r.RawInputContents.Add(ByteString.Empty); r.RawInputContents.Add(ByteString.Empty); }, "raw_input_contents has 2 entries for 1 inputs" },
        { "fp16 typed", r => { r.Inputs[0].Datatype = "FP16"; r.Inputs[0].Contents = null; }, "inputs[0] ('input'): FP16 has no contents field; send its elements in raw_input_contents" },
        { "binary_data_output not bool", r => r.Parameters[GrpcInferRequestReader.BinaryDataOutput] = new InferParameter { Int64Param = 1 }, "request.parameters['binary_data_output']: expected a bool_param" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Bad_requests_say_what_and_where(string because, Action<ModelInferRequest> spoil, string message)
    {
        var request = Request(Input("input", "FP32", [1, 4], Contents(c => c.Fp32Contents.Add([1, 2, 3, 4]))));
        spoil(request);

        var read = () => GrpcInferRequestReader.Read(request);

        read.Should().Throw<InferenceProtocolException>(because).Which.Message.Should().Contain(message);
    }

    [Theory]
    [InlineData("INT8", 128)]
    [InlineData("INT16", -32769)]
    public void Int_contents_out_of_the_datatype_range_are_refused(string datatype, int value)
    {
        var request = Request(Input("x", datatype, [2], Contents(c => c.IntContents.Add([0, value]))));

        var read = () => GrpcInferRequestReader.Read(request);

        read.Should().Throw<InferenceProtocolException>().WithMessage($"inputs[0] ('x'): element 1: {value} is outside the range of {datatype}*");
    }

    [Fact]
    public void Uint8_contents_out_of_range_are_refused()
    {
        var request = Request(Input("x", "UINT8", [1], Contents(c => c.UintContents.Add(256u))));

        var read = () => GrpcInferRequestReader.Read(request);

        read.Should().Throw<InferenceProtocolException>().WithMessage("*element 0: 256 is outside the range of UINT8 (0 to 255)");
    }

    [Fact]
    public void Raw_bytes_elements_must_fit_and_be_utf8()
    {
        var overrun = Request(Input("s", "BYTES", [1]));
        overrun.RawInputContents.Add(ByteString.CopyFrom(9, 0, 0, 0, (byte)'a'));
        var binary = Request(Input("s", "BYTES", [1]));
        binary.RawInputContents.Add(ByteString.CopyFrom(1, 0, 0, 0, 0xFF));

        FluentActions.Invoking(() => GrpcInferRequestReader.Read(overrun)).Should().Throw<InferenceProtocolException>()
            .WithMessage("inputs[0] ('s'): raw BYTES element 0: length 9 runs past the end (1 byte(s) left)");
        FluentActions.Invoking(() => GrpcInferRequestReader.Read(binary)).Should().Throw<InferenceProtocolException>()
            .WithMessage("inputs[0] ('s'): element 0: BYTES elements must be UTF-8 text here");
    }

    private static InferTensorContents Contents(Action<InferTensorContents> fill)
    {
        var contents = new InferTensorContents();
        fill(contents);
        return contents;
    }
}
