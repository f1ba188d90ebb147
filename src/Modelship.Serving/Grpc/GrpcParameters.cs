using System.Buffers;
using System.Text.Json;
using Google.Protobuf.Collections;
using Modelship.Serving.Grpc.V2;
using Modelship.Serving.Protocol;

namespace Modelship.Serving.Grpc;

/// <summary>
/// <c>InferParameter</c> maps to and from V2 JSON parameters. JSON values with no gRPC counterpart (objects, arrays,
/// null) travel to gRPC as <c>string_param</c> holding their JSON text.
/// </summary>
public static class GrpcParameters
{
    /// <summary>The parameters as JSON values, without <paramref name="leaveOut"/>; null when none are left.</summary>
    public static IReadOnlyDictionary<string, JsonElement>? ToJson(MapField<string, InferParameter> parameters, string where, string? leaveOut = null)
    {
        Dictionary<string, JsonElement>? json = null;
        foreach (var (key, value) in parameters)
        {
            if (key == leaveOut) continue;
            json ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            json[key] = ToJson(value, $"{where}.parameters['{key}']");
        }

        return json;
    }

    public static JsonElement ToJson(InferParameter parameter, string where)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            switch (parameter.ParameterChoiceCase)
            {
                case InferParameter.ParameterChoiceOneofCase.BoolParam: writer.WriteBooleanValue(parameter.BoolParam); break;
                case InferParameter.ParameterChoiceOneofCase.Int64Param: writer.WriteNumberValue(parameter.Int64Param); break;
                case InferParameter.ParameterChoiceOneofCase.Uint64Param: writer.WriteNumberValue(parameter.Uint64Param); break;
                case InferParameter.ParameterChoiceOneofCase.StringParam: writer.WriteStringValue(parameter.StringParam); break;
                case InferParameter.ParameterChoiceOneofCase.DoubleParam when double.IsFinite(parameter.DoubleParam):
                    writer.WriteNumberValue(parameter.DoubleParam);
                    break;
                case InferParameter.ParameterChoiceOneofCase.DoubleParam:
                    throw new InferenceProtocolException($"{where}: {parameter.DoubleParam} cannot be a V2 parameter (JSON numbers are finite)");
                default:
                    throw new InferenceProtocolException($"{where}: no value set");
            }
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>Copies JSON parameters into <paramref name="target"/>.</summary>
    public static void CopyFromJson(IReadOnlyDictionary<string, JsonElement>? parameters, MapField<string, InferParameter> target)
    {
        if (parameters is null) return;
        foreach (var (key, value) in parameters) target[key] = FromJson(value);
    }

    public static InferParameter FromJson(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => new InferParameter { BoolParam = true },
        JsonValueKind.False => new InferParameter { BoolParam = false },
        JsonValueKind.String => new InferParameter { StringParam = value.GetString() },
        JsonValueKind.Number when value.TryGetInt64(out var integer) => new InferParameter { Int64Param = integer },
        JsonValueKind.Number when value.TryGetUInt64(out var unsigned) => new InferParameter { Uint64Param = unsigned },
        JsonValueKind.Number => new InferParameter { DoubleParam = value.GetDouble() },
        _ => new InferParameter { StringParam = value.GetRawText() },
    };

    /// <summary>The value of a boolean parameter; null when it is absent. A non-boolean value is the caller's error.</summary>
    public static bool? ReadBool(MapField<string, InferParameter> parameters, string key, string where)
    {
        if (!parameters.TryGetValue(key, out var value)) return null;
        return value.ParameterChoiceCase switch
        {
            InferParameter.ParameterChoiceOneofCase.BoolParam => value.BoolParam,
            InferParameter.ParameterChoiceOneofCase.StringParam when bool.TryParse(value.StringParam, out var parsed) => parsed,
            _ => throw new InferenceProtocolException($"{where}.parameters['{key}']: expected a bool_param (true or false)"),
        };
    }
}
