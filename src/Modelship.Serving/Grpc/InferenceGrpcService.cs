using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Modelship.Serving.Grpc.V2;
using InferenceProtocolException = Modelship.Serving.Protocol.InferenceProtocolException;
using InferenceRequestJson = Modelship.Serving.Protocol.InferenceRequestJson;
using InferenceResponse = Modelship.Serving.Protocol.InferenceResponse;
using InferenceResponseJson = Modelship.Serving.Protocol.InferenceResponseJson;

namespace Modelship.Serving.Grpc;

/// <summary>
/// <c>inference.GRPCInferenceService</c> for the router and the runtime. Each call is converted at the edge and
/// served by the process's V2 REST endpoints in process (<see cref="InProcessRestCall"/>), so splits, sticky and key
/// routing (metadata keys are headers), shadows, pipelines, the inference log and the metrics are the REST ones.
/// The router's <c>x-modelship-*</c> answer headers come back as response metadata.
/// </summary>
public sealed class InferenceGrpcService(GrpcServiceTarget target) : GRPCInferenceService.GRPCInferenceServiceBase
{
    private const string ModelshipHeaderPrefix = "x-modelship-";

    public override async Task<ServerLiveResponse> ServerLive(ServerLiveRequest request, ServerCallContext context)
    {
        var answer = await CallAsync(context, e => e.ServerLive, "GET", "/v2/health/live").ConfigureAwait(false);
        if (!answer.IsSuccess) throw GrpcStatusCodes.ToException(answer);
        return new ServerLiveResponse { Live = ReadBool(answer, "live") ?? true };
    }

    public override async Task<ServerReadyResponse> ServerReady(ServerReadyRequest request, ServerCallContext context)
    {
        // Not ready is an answer (REST: 503 with {"ready": false}), not an error.
        var answer = await CallAsync(context, e => e.ServerReady, "GET", "/v2/health/ready").ConfigureAwait(false);
        return new ServerReadyResponse { Ready = answer.IsSuccess && (ReadBool(answer, "ready") ?? true) };
    }

    public override async Task<ModelReadyResponse> ModelReady(ModelReadyRequest request, ServerCallContext context)
    {
        var (name, version) = Target(request.Name, request.Version);
        var answer = await CallAsync(context, e => e.ModelReady, "GET", ModelPath(name, version) + "/ready", name, version).ConfigureAwait(false);
        if (answer.Status is StatusCodes.Status404NotFound or StatusCodes.Status400BadRequest) throw GrpcStatusCodes.ToException(answer);
        return new ModelReadyResponse { Ready = answer.IsSuccess && (ReadBool(answer, "ready") ?? false) };
    }

    public override async Task<ServerMetadataResponse> ServerMetadata(ServerMetadataRequest request, ServerCallContext context)
    {
        var answer = await CallAsync(context, e => e.ServerMetadata, "GET", "/v2").ConfigureAwait(false);
        if (!answer.IsSuccess) throw GrpcStatusCodes.ToException(answer);
        using var document = Parse(answer);
        var root = document.RootElement;
        var response = new ServerMetadataResponse { Name = String(root, "name"), Version = String(root, "version") };
        response.Extensions.Add(Strings(root, "extensions"));
        return response;
    }

    public override async Task<ModelMetadataResponse> ModelMetadata(ModelMetadataRequest request, ServerCallContext context)
    {
        var (name, version) = Target(request.Name, request.Version);
        var answer = await CallAsync(context, e => e.ModelMetadata, "GET", ModelPath(name, version), name, version).ConfigureAwait(false);
        if (!answer.IsSuccess) throw GrpcStatusCodes.ToException(answer, Trailers(answer));
        await context.WriteResponseHeadersAsync(Trailers(answer)).ConfigureAwait(false);
        using var document = Parse(answer);
        var root = document.RootElement;
        var response = new ModelMetadataResponse { Name = String(root, "name"), Platform = String(root, "platform") };
        response.Versions.Add(Strings(root, "versions"));
        response.Inputs.Add(Tensors(root, "inputs"));
        response.Outputs.Add(Tensors(root, "outputs"));
        return response;
    }

    public override async Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context)
    {
        GrpcInferCall call;
        byte[] body;
        try
        {
            call = GrpcInferRequestReader.Read(request);
            body = InferenceRequestJson.Serialize(call.Request);
        }
        catch (InferenceProtocolException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }

        var answer = await CallAsync(
            context, e => e.ModelInfer, "POST", ModelPath(call.ModelName, call.ModelVersion) + "/infer", call.ModelName, call.ModelVersion, body).ConfigureAwait(false);
        var headers = Trailers(answer);
        if (!answer.IsSuccess) throw GrpcStatusCodes.ToException(answer, headers);
        InferenceResponse response;
        try
        {
            response = InferenceResponseJson.Parse(answer.Body);
        }
        catch (InferenceProtocolException e)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"the model's answer is not a V2 inference response: {e.Message}"), headers);
        }

        await context.WriteResponseHeadersAsync(headers).ConfigureAwait(false);
        var fallbackVersion = answer.Headers.TryGetValue(ModelshipHeaderPrefix + "model-version", out var v) ? v.ToString() : call.ModelVersion;
        return GrpcInferResponseWriter.Write(response, call.RawOutput, fallbackVersion);
    }

    private async Task<RestAnswer> CallAsync(
        ServerCallContext context, Func<V2RestEndpoints, RequestDelegate> endpoint, string method, string path,
        string? name = null, string? version = null, byte[]? body = null)
    {
        var endpoints = target.Endpoints ?? throw new RpcException(new Status(StatusCode.Unavailable, "the server is starting"));
        var headers = context.GetHttpContext().Request.Headers;
        var answer = await InProcessRestCall.InvokeAsync(endpoint(endpoints), method, path, name, version, body, headers, context.CancellationToken).ConfigureAwait(false);
        context.CancellationToken.ThrowIfCancellationRequested();
        return answer;
    }

    private static (string Name, string? Version) Target(string name, string version)
    {
        if (string.IsNullOrEmpty(name)) throw new RpcException(new Status(StatusCode.InvalidArgument, "name is required"));
        return (name, string.IsNullOrEmpty(version) ? null : version);
    }

    private static string ModelPath(string name, string? version) =>
        version is null ? $"/v2/models/{Uri.EscapeDataString(name)}" : $"/v2/models/{Uri.EscapeDataString(name)}/versions/{Uri.EscapeDataString(version)}";

    /// <summary>The router's <c>x-modelship-*</c> headers (version, role, routing generation) as gRPC metadata.</summary>
    private static Metadata Trailers(RestAnswer answer)
    {
        var metadata = new Metadata();
        foreach (var (key, value) in answer.Headers)
        {
            if (key.StartsWith(ModelshipHeaderPrefix, StringComparison.OrdinalIgnoreCase))
                metadata.Add(key.ToLowerInvariant(), value.ToString());
        }

        return metadata;
    }

    private static JsonDocument Parse(RestAnswer answer)
    {
        try
        {
            return JsonDocument.Parse(answer.Body);
        }
        catch (JsonException e)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"the answer is not JSON: {e.Message}"));
        }
    }

    private static bool? ReadBool(RestAnswer answer, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(property, out var value)
                && value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? value.GetBoolean()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string String(JsonElement root, string property) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static IEnumerable<string> Strings(JsonElement root, string property) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];

    private static IEnumerable<ModelMetadataResponse.Types.TensorMetadata> Tensors(JsonElement root, string property)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.Array) return [];
        var tensors = new List<ModelMetadataResponse.Types.TensorMetadata>();
        foreach (var element in value.EnumerateArray())
        {
            var tensor = new ModelMetadataResponse.Types.TensorMetadata { Name = String(element, "name"), Datatype = String(element, "datatype") };
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("shape", out var shape) && shape.ValueKind == JsonValueKind.Array)
                tensor.Shape.Add(shape.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.Number).Select(d => d.GetInt64()));
            tensors.Add(tensor);
        }

        return tensors;
    }
}
