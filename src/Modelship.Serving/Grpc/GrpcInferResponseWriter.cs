using Modelship.Serving.Grpc.V2;
using Modelship.Serving.Protocol;

namespace Modelship.Serving.Grpc;

/// <summary>
/// A V2 inference answer as a <c>ModelInferResponse</c>: elements in <c>raw_output_contents</c> when the call asked
/// for raw (<see cref="GrpcInferCall.RawOutput"/>) or when an output is FP16 (no typed field can hold it, and raw
/// contents cover every output or none), in typed <c>contents</c> otherwise.
/// </summary>
public static class GrpcInferResponseWriter
{
    public static ModelInferResponse Write(InferenceResponse answer, bool rawOutput, string? fallbackVersion)
    {
        var response = new ModelInferResponse
        {
            ModelName = answer.ModelName,
            ModelVersion = answer.ModelVersion ?? fallbackVersion ?? "",
            Id = answer.Id ?? "",
        };
        GrpcParameters.CopyFromJson(answer.Parameters, response.Parameters);
        var raw = rawOutput || answer.Outputs.Any(o => GrpcTensorContents.FieldOf(o.DataType) is null);
        foreach (var output in answer.Outputs)
        {
            var tensor = new ModelInferResponse.Types.InferOutputTensor { Name = output.Name, Datatype = output.DataType.ToV2Name() };
            tensor.Shape.Add(output.Shape);
            GrpcParameters.CopyFromJson(output.Parameters, tensor.Parameters);
            if (raw)
                response.RawOutputContents.Add(GrpcRawContents.FromTensor(output));
            else
                tensor.Contents = GrpcTensorContents.FromTensor(output);
            response.Outputs.Add(tensor);
        }

        return response;
    }
}
