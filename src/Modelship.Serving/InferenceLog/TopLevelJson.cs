using System.Text.Json;

namespace Modelship.Serving.InferenceLog;

/// <summary>
/// Finds top-level properties of a JSON object as raw bytes, without building a document: the log copies a
/// request's <c>inputs</c> and an answer's <c>outputs</c> exactly as they were sent.
/// </summary>
public static class TopLevelJson
{
    /// <summary>The raw value of property <paramref name="name"/> of the top-level object, or false when absent or the JSON is malformed.</summary>
    public static bool TryGetRaw(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var matches = reader.ValueTextEquals(name);
                if (!reader.Read())
                {
                    return false;
                }
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (matches)
                {
                    value = json[start..(int)reader.BytesConsumed];
                    return true;
                }
            }
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The top-level string property <paramref name="name"/>, or null.</summary>
    public static string? GetString(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name)
    {
        if (!TryGetRaw(json, name, out var raw))
        {
            return null;
        }
        var reader = new Utf8JsonReader(raw);
        return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
    }

    /// <summary>
    /// Removes the whitespace between tokens of valid JSON, so a pretty-printed value fits on one log line. Raw control
    /// characters cannot occur inside JSON strings, so every newline outside a string is whitespace.
    /// </summary>
    public static byte[] Minify(ReadOnlySpan<byte> json)
    {
        var result = new byte[json.Length];
        var length = 0;
        var inString = false;
        var escaped = false;
        foreach (var b in json)
        {
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (b == (byte)'\\')
                {
                    escaped = true;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
                result[length++] = b;
                continue;
            }
            if (b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                continue;
            }
            inString = b == (byte)'"';
            result[length++] = b;
        }
        return result[..length];
    }
}
