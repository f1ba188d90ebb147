using Modelship.Serving.Grpc.V2;
using Modelship.Serving.Protocol;

namespace Modelship.Serving.Grpc;

/// <summary>A <c>ModelInferRequest</c> as the V2 request the REST path serves, and how its answer goes back.</summary>
public sealed record GrpcInferCall(string ModelName, string? ModelVersion, InferenceRequest Request, bool RawOutput);

/// <summary>
/// Turns a <c>ModelInferRequest</c> into the V2 request the REST endpoints take, so the router and the runtime serve
/// gRPC through their one inference path. Every problem is an <see cref="InferenceProtocolException"/> whose
/// message says where (<c>inputs[0] ('input'): ...</c>), answered as INVALID_ARGUMENT.
/// </summary>
public static class GrpcInferRequestReader
{
    /// <summary>
    /// The request parameter that asks for <c>raw_output_contents</c> (true) or typed contents (false); without it,
    /// answers are raw when the request's inputs were. It is the gRPC edge's, not passed on to the model.
    /// </summary>
    public const string BinaryDataOutput = "binary_data_output";

    public static GrpcInferCall Read(ModelInferRequest request)
    {
        if (string.IsNullOrEmpty(request.ModelName)) throw new InferenceProtocolException("model_name is required");
        if (request.Inputs.Count == 0) throw new InferenceProtocolException("inputs: at least one input is required");
        var raw = request.RawInputContents;
        if (raw.Count > 0 && raw.Count != request.Inputs.Count)
            throw new InferenceProtocolException(
                $"raw_input_contents has {raw.Count} entries for {request.Inputs.Count} inputs; with raw contents every input has one, in order");

        var inputs = new InferenceTensor[request.Inputs.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var input = request.Inputs[i];
            var label = string.IsNullOrEmpty(input.Name) ? $"inputs[{i}]" : $"inputs[{i}] ('{input.Name}')";
            if (string.IsNullOrEmpty(input.Name)) throw new InferenceProtocolException($"{label}: 'name' is required");
            if (!TensorDataTypes.TryParseV2Name(input.Datatype, out var type))
                throw new InferenceProtocolException(
                    $"{label}: unknown datatype '{input.Datatype}' (BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64 or BYTES)");
            var shape = input.Shape.ToArray();
            var count = InferenceTensor.CountElements(shape);
            if (count < 0 || (type != TensorDataType.Bytes && count > int.MaxValue / Math.Max(1, type.ElementSize())))
                throw new InferenceProtocolException($"{label}: shape [{string.Join(',', shape)}] is not a valid tensor shape");
            var parameters = GrpcParameters.ToJson(input.Parameters, label);
            if (raw.Count > 0)
            {
                if (input.Contents is not null && HasElements(input.Contents))
                    throw new InferenceProtocolException($"{label}: has both contents and raw_input_contents; send one");
                inputs[i] = GrpcRawContents.ToTensor(input.Name, type, shape, raw[i].Span, count, label, parameters);
            }
            else
            {
                inputs[i] = GrpcTensorContents.ToTensor(input.Name, type, shape, input.Contents, count, label, parameters);
            }
        }

        List<RequestedOutput>? outputs = null;
        if (request.Outputs.Count > 0)
        {
            outputs = [];
            for (var i = 0; i < request.Outputs.Count; i++)
            {
                var output = request.Outputs[i];
                if (string.IsNullOrEmpty(output.Name)) throw new InferenceProtocolException($"outputs[{i}]: 'name' is required");
                outputs.Add(new RequestedOutput(output.Name, GrpcParameters.ToJson(output.Parameters, $"outputs[{i}]")));
            }
        }

        var rawOutput = GrpcParameters.ReadBool(request.Parameters, BinaryDataOutput, "request") ?? raw.Count > 0;
        var v2 = new InferenceRequest(
            inputs, outputs, string.IsNullOrEmpty(request.Id) ? null : request.Id,
            GrpcParameters.ToJson(request.Parameters, "request", leaveOut: BinaryDataOutput));
        return new GrpcInferCall(request.ModelName, string.IsNullOrEmpty(request.ModelVersion) ? null : request.ModelVersion, v2, rawOutput);
    }

    private static bool HasElements(InferTensorContents contents) =>
        contents.BoolContents.Count + contents.IntContents.Count + contents.Int64Contents.Count + contents.UintContents.Count
        + contents.Uint64Contents.Count + contents.Fp32Contents.Count + contents.Fp64Contents.Count + contents.BytesContents.Count > 0;
}
