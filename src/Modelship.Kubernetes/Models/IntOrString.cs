using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Modelship.Kubernetes.Models;

/// <summary>A field that holds a number or a string, e.g. a port number or name, or "25%".</summary>
[JsonConverter(typeof(IntOrStringConverter))]
public sealed record IntOrString
{
    private IntOrString(int? number, string? text)
    {
        Number = number;
        Text = text;
    }

    public int? Number { get; }

    public string? Text { get; }

    public static IntOrString FromInt32(int value) => new(value, null);

    public static IntOrString FromString(string value) => new(null, value);

    public static implicit operator IntOrString(int value) => FromInt32(value);

    public static implicit operator IntOrString(string value) => FromString(value);

    public override string ToString() => Text ?? Number?.ToString(CultureInfo.InvariantCulture) ?? "";
}

public sealed class IntOrStringConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => IntOrString.FromInt32(reader.GetInt32()),
            JsonTokenType.String => IntOrString.FromString(reader.GetString()!),
            _ => throw new JsonException($"Expected a number or a string for an int-or-string field, got {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.Number is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}
