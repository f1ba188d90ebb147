using System.Text.Json;

namespace Modelship.Serving.Routing;

/// <summary>
/// Compares the <c>outputs</c> of two V2 inference responses by output name. Runs on the shadow path only, so it may
/// parse whole documents.
/// </summary>
public static class ShadowComparer
{
    /// <summary>Compares two answers; throws <see cref="JsonException"/> when the primary answer is not JSON.</summary>
    public static ShadowComparison Compare(ReadOnlyMemory<byte> primary, ReadOnlyMemory<byte> shadow)
    {
        using var primaryDocument = JsonDocument.Parse(primary);
        using var shadowDocument = ParseOrNull(shadow);
        if (shadowDocument is null)
        {
            return new ShadowComparison(0, 0, 0, 0, "the shadow's answer is not JSON");
        }
        var primaryOutputs = Outputs(primaryDocument.RootElement);
        var shadowOutputs = Outputs(shadowDocument.RootElement);

        long classElements = 0, classAgreements = 0, floatElements = 0;
        double absDifference = 0;
        string? mismatch = null;
        foreach (var (name, (datatype, expected)) in primaryOutputs)
        {
            if (!shadowOutputs.TryGetValue(name, out var actual))
            {
                mismatch ??= $"the shadow has no output '{name}'";
                continue;
            }
            if (IsFloating(datatype))
            {
                if (actual.Data.Count != expected.Count)
                {
                    mismatch ??= $"output '{name}' has {actual.Data.Count} elements, expected {expected.Count}";
                    continue;
                }
                if (!expected.Concat(actual.Data).All(e => e.ValueKind == JsonValueKind.Number))
                {
                    mismatch ??= $"output '{name}' is {datatype} but holds non-numbers";
                    continue;
                }
                for (var i = 0; i < expected.Count; i++)
                {
                    absDifference += Math.Abs(ToDouble(expected[i]) - ToDouble(actual.Data[i]));
                }
                floatElements += expected.Count;
            }
            else
            {
                var common = Math.Min(expected.Count, actual.Data.Count);
                for (var i = 0; i < common; i++)
                {
                    if (ClassEquals(expected[i], actual.Data[i]))
                    {
                        classAgreements++;
                    }
                }
                classElements += Math.Max(expected.Count, actual.Data.Count);
            }
        }
        return new ShadowComparison(classElements, classAgreements, floatElements, absDifference, mismatch);
    }

    private static JsonDocument? ParseOrNull(ReadOnlyMemory<byte> json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, (string Datatype, List<JsonElement> Data)> Outputs(JsonElement response)
    {
        var outputs = new Dictionary<string, (string, List<JsonElement>)>(StringComparer.Ordinal);
        if (response.ValueKind != JsonValueKind.Object || !response.TryGetProperty("outputs", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return outputs;
        }
        foreach (var output in array.EnumerateArray())
        {
            if (output.ValueKind == JsonValueKind.Object
                && output.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                && output.TryGetProperty("data", out var data))
            {
                var datatype = output.TryGetProperty("datatype", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()! : "";
                var flat = new List<JsonElement>();
                Flatten(data, flat);
                outputs[name.GetString()!] = (datatype, flat);
            }
        }
        return outputs;
    }

    private static void Flatten(JsonElement element, List<JsonElement> into)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Flatten(item, into);
            }
        }
        else
        {
            into.Add(element);
        }
    }

    private static bool IsFloating(string datatype) => datatype is "FP16" or "FP32" or "FP64" or "BF16";

    private static double ToDouble(JsonElement element) => element.GetDouble();

    private static bool ClassEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }
        return a.ValueKind switch
        {
            JsonValueKind.Number => a.GetDouble() == b.GetDouble(),
            JsonValueKind.String => string.Equals(a.GetString(), b.GetString(), StringComparison.Ordinal),
            JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => true,
            _ => a.GetRawText() == b.GetRawText(),
        };
    }
}
