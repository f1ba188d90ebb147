using System.Globalization;
using System.Text.Json;
using Modelship.Api.Routing;

namespace Modelship.Serving.Monitoring.Actuals;

/// <summary>
/// Reads the prediction for the join out of a V2 answer (the first row only): the named output or the first one.
/// Classification: a label output (integer or string) gives the label, and the first floating output with two or more
/// values per row gives the probabilities; a floating output chosen as the prediction gives the probabilities and
/// its argmax is the label. Regression: the first value as a number. Runs on the join's background thread.
/// </summary>
public static class PredictionReader
{
    /// <summary>The prediction, or null when the answer has no usable output.</summary>
    public static Prediction? Read(ReadOnlySpan<byte> answer, ActualsSettings settings, string associationId, string version, DateTimeOffset time)
    {
        try
        {
            var reader = new Utf8JsonReader(answer);
            using var document = JsonDocument.ParseValue(ref reader);
            if (!document.RootElement.TryGetProperty("outputs", out var outputs) || outputs.ValueKind != JsonValueKind.Array || outputs.GetArrayLength() == 0)
            {
                return null;
            }
            var chosen = Choose(outputs, settings.Output);
            if (chosen is not { } output || !output.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array || data.GetArrayLength() == 0)
            {
                return null;
            }
            var rowLength = RowLength(output);
            if (settings.Task == ModelTask.Regression)
            {
                var first = FirstScalar(data);
                return first.ValueKind == JsonValueKind.Number ? new Prediction(associationId, version, time, null, null, first.GetDouble()) : null;
            }
            if (IsFloating(output) && rowLength >= 2)
            {
                var probabilities = FirstRow(data, rowLength);
                return new Prediction(associationId, version, time, ArgMax(probabilities).ToString(CultureInfo.InvariantCulture), probabilities, null);
            }
            var label = FirstScalar(data) switch
            {
                { ValueKind: JsonValueKind.String } s => s.GetString(),
                { ValueKind: JsonValueKind.Number } n => ActualValue.LabelOf(n.GetDouble()),
                { ValueKind: JsonValueKind.True } => "1",
                { ValueKind: JsonValueKind.False } => "0",
                _ => null,
            };
            return new Prediction(associationId, version, time, label, ProbabilitiesBeside(outputs, output), null);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // A value of an unexpected JSON kind (a string among numbers).
            return null;
        }
    }

    private static JsonElement? Choose(JsonElement outputs, string? name)
    {
        if (name is null)
        {
            return outputs[0];
        }
        foreach (var output in outputs.EnumerateArray())
        {
            if (output.TryGetProperty("name", out var n) && n.ValueEquals(name))
            {
                return output;
            }
        }
        return null;
    }

    private static double[]? ProbabilitiesBeside(JsonElement outputs, JsonElement label)
    {
        foreach (var output in outputs.EnumerateArray())
        {
            if (!output.Equals(label) && IsFloating(output) && RowLength(output) >= 2 && output.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                return FirstRow(data, RowLength(output));
            }
        }
        return null;
    }

    private static bool IsFloating(JsonElement output) =>
        output.TryGetProperty("datatype", out var type) && type.GetString() is "FP32" or "FP64" or "FP16";

    /// <summary>Values per row: the product of the shape after its first dimension (1 for a 1-D output).</summary>
    private static int RowLength(JsonElement output)
    {
        if (!output.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array || shape.GetArrayLength() < 2)
        {
            return 1;
        }
        long length = 1;
        var dimension = 0;
        foreach (var size in shape.EnumerateArray())
        {
            if (dimension++ > 0)
            {
                length *= size.GetInt64();
            }
        }
        return (int)Math.Clamp(length, 1, 1 << 16);
    }

    /// <summary>The first element, also of nested (row-major) data.</summary>
    private static JsonElement FirstScalar(JsonElement data)
    {
        var element = data[0];
        while (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() > 0)
        {
            element = element[0];
        }
        return element;
    }

    private static double[] FirstRow(JsonElement data, int rowLength)
    {
        var row = new List<double>(rowLength);
        Flatten(data, row, rowLength);
        return [.. row];
    }

    private static void Flatten(JsonElement element, List<double> into, int limit)
    {
        foreach (var value in element.EnumerateArray())
        {
            if (into.Count >= limit)
            {
                return;
            }
            if (value.ValueKind == JsonValueKind.Array)
            {
                Flatten(value, into, limit);
            }
            else
            {
                into.Add(value.GetDouble());
            }
        }
    }

    private static int ArgMax(double[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }
        return best;
    }
}
