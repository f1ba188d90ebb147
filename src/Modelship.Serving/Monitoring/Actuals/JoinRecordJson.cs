using System.Text.Json;

namespace Modelship.Serving.Monitoring.Actuals;

/// <summary>
/// The lines of the join store's segment files: one JSON object per line, <c>"k":"p"</c> for a prediction and
/// <c>"k":"a"</c> for an actual, with the time in Unix milliseconds.
/// </summary>
internal static class JoinRecordJson
{
    public static byte[] Prediction(Prediction prediction)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("k", "p");
            writer.WriteNumber("t", prediction.Time.ToUnixTimeMilliseconds());
            writer.WriteString("id", prediction.AssociationId);
            writer.WriteString("v", prediction.Version);
            if (prediction.Label is { } label)
            {
                writer.WriteString("l", label);
            }
            if (prediction.Probabilities is { } probabilities)
            {
                writer.WriteStartArray("p");
                foreach (var p in probabilities)
                {
                    writer.WriteNumberValue(p);
                }
                writer.WriteEndArray();
            }
            if (prediction.Value is { } value)
            {
                writer.WriteNumber("y", value);
            }
            writer.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public static byte[] Actual(string associationId, ActualValue actual, DateTimeOffset time)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("k", "a");
            writer.WriteNumber("t", time.ToUnixTimeMilliseconds());
            writer.WriteString("id", associationId);
            writer.WriteString("l", actual.Label);
            if (actual.Number is { } number)
            {
                writer.WriteNumber("n", number);
            }
            writer.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>A prediction or an actual line; null for anything else (a line cut short by a crash).</summary>
    public static object? Parse(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            var time = DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("t").GetInt64());
            var id = root.GetProperty("id").GetString()!;
            var label = root.TryGetProperty("l", out var l) ? l.GetString() : null;
            switch (root.GetProperty("k").GetString())
            {
                case "p":
                    var probabilities = root.TryGetProperty("p", out var p) ? p.EnumerateArray().Select(e => e.GetDouble()).ToArray() : null;
                    double? value = root.TryGetProperty("y", out var y) ? y.GetDouble() : null;
                    return new Prediction(id, root.GetProperty("v").GetString()!, time, label, probabilities, value);
                case "a" when label is not null:
                    double? number = root.TryGetProperty("n", out var n) ? n.GetDouble() : null;
                    return new ReceivedActual(id, new ActualValue(label, number), time);
                default:
                    return null;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
