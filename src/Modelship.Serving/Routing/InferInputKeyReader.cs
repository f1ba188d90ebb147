using System.Text.Json;

namespace Modelship.Serving.Routing;

/// <summary>
/// Reads a routing key from a V2 inference request body without deserializing it: the first element of the named
/// input's <c>data</c>, as text. Only requests whose routing needs such a key pay for this scan.
/// </summary>
public static class InferInputKeyReader
{
    private static ReadOnlySpan<byte> InputsProperty => "inputs"u8;
    private static ReadOnlySpan<byte> NameProperty => "name"u8;
    private static ReadOnlySpan<byte> DataProperty => "data"u8;

    /// <summary>
    /// The first value of input <paramref name="inputName"/>, or null when the request has no such input or it has
    /// no data. Throws <see cref="JsonException"/> when the body is not the JSON of an inference request.
    /// </summary>
    public static string? ReadFirstValue(ReadOnlySpan<byte> body, string inputName)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals(InputsProperty))
            {
                reader.Read();
                reader.Skip();
                continue;
            }
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("\"inputs\" must be an array");
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (ReadInput(ref reader, inputName, out var value))
                {
                    return value;
                }
            }
            return null;
        }
        return null;
    }

    /// <summary>Reads one input object; true when it is the named input (its value may still be null).</summary>
    private static bool ReadInput(ref Utf8JsonReader reader, string inputName, out string? value)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("each element of \"inputs\" must be an object");
        }
        value = null;
        var matches = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(NameProperty))
            {
                reader.Read();
                matches = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(inputName);
            }
            else if (reader.ValueTextEquals(DataProperty))
            {
                reader.Read();
                value = FirstScalar(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (!matches)
        {
            value = null;
        }
        return matches;
    }

    /// <summary>The first scalar of a possibly nested array (or a bare scalar), leaving the reader after the value.</summary>
    private static string? FirstScalar(ref Utf8JsonReader reader)
    {
        string? first = null;
        var depth = 0;
        do
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    depth++;
                    break;
                case JsonTokenType.EndArray:
                    depth--;
                    break;
                case JsonTokenType.String when first is null:
                    first = GetText(ref reader);
                    break;
                case JsonTokenType.Number when first is null:
                    first = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                    break;
                case JsonTokenType.True when first is null:
                    first = "true";
                    break;
                case JsonTokenType.False when first is null:
                    first = "false";
                    break;
                case JsonTokenType.StartObject:
                    reader.Skip();
                    break;
                default:
                    break;
            }
        }
        while (depth > 0 && reader.Read());
        return first;
    }

    /// <summary>GetString refuses invalid UTF-8 and escaped lone surrogates with InvalidOperationException: the caller's mistake.</summary>
    private static string GetText(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException($"the routing key is not valid text: {e.Message}", e);
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new JsonException($"expected {type}");
        }
    }
}
