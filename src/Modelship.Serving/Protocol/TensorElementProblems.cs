using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Modelship.Serving.Protocol;

/// <summary>
/// Says why a JSON value is not a valid element of a datatype (out of range, not an integer, the wrong kind), for the
/// 400 answer. Runs only once an element has been refused, so the success path never pays for it.
/// </summary>
internal static class TensorElementProblems
{
    private const int MaxShownLength = 40;

    private static readonly SearchValues<byte> IntegerLiteralBytes = SearchValues.Create("-0123456789"u8);

    public static string Describe(ref Utf8JsonReader reader, TensorDataType dataType)
    {
        var name = dataType.ToV2Name();
        if (reader.TokenType == JsonTokenType.Number)
        {
            var text = Shown(reader.ValueSpan);
            if (FloatLimit(dataType) is { } largest)
                return $"{text} is out of range for {name} (largest magnitude {largest})";
            if (IntegerRange(dataType) is { } range)
                return DescribeInteger(reader.ValueSpan, text, name, range);
        }
        if (reader.TokenType == JsonTokenType.String && dataType == TensorDataType.Bytes)
            return "the string is not text (an escaped UTF-16 surrogate without its pair)";
        return $"{Kind(ref reader)} is not a valid {name} value; {name} takes {Expected(dataType)}";
    }

    private static string DescribeInteger(ReadOnlySpan<byte> number, string text, string name, (double Min, double MaxExclusive, string Text) range)
    {
        // A plain integer literal that the typed reader refused can only be out of range.
        if (number.IndexOfAnyExcept(IntegerLiteralBytes) < 0)
            return $"{text} is out of range for {name} ({range.Text})";
        var value = double.Parse(Encoding.UTF8.GetString(number), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (value != Math.Floor(value))
            return $"{text} is not an integer; {name} takes integers from {range.Text}";
        return value >= range.Min && value < range.MaxExclusive
            ? $"{text} is not written as an integer (no fraction or exponent)"
            : $"{text} is out of range for {name} ({range.Text})";
    }

    private static string? FloatLimit(TensorDataType dataType) => dataType switch
    {
        TensorDataType.Fp16 => "65504",
        TensorDataType.Fp32 => "3.4028235E+38",
        TensorDataType.Fp64 => "1.7976931348623157E+308",
        _ => null,
    };

    private static (double Min, double MaxExclusive, string Text)? IntegerRange(TensorDataType dataType) => dataType switch
    {
        TensorDataType.Int8 => (-128, 128, "-128 to 127"),
        TensorDataType.UInt8 => (0, 256, "0 to 255"),
        TensorDataType.Int16 => (-32768, 32768, "-32768 to 32767"),
        TensorDataType.UInt16 => (0, 65536, "0 to 65535"),
        TensorDataType.Int32 => (-2147483648d, 2147483648d, "-2147483648 to 2147483647"),
        TensorDataType.UInt32 => (0, 4294967296d, "0 to 4294967295"),
        TensorDataType.Int64 => (-9223372036854775808d, 9223372036854775808d, "-9223372036854775808 to 9223372036854775807"),
        TensorDataType.UInt64 => (0, 18446744073709551616d, "0 to 18446744073709551615"),
        _ => null,
    };

    private static string Expected(TensorDataType dataType) => dataType switch
    {
        TensorDataType.Bool => "true or false",
        TensorDataType.Bytes => "strings",
        TensorDataType.Fp16 or TensorDataType.Fp32 or TensorDataType.Fp64 => "numbers and the strings \"NaN\", \"Infinity\", \"-Infinity\"",
        _ => $"integers from {IntegerRange(dataType)?.Text}",
    };

    private static string Kind(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => Shown(reader.ValueSpan),
        JsonTokenType.String => "a string",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        _ => reader.TokenType.ToString(),
    };

    private static string Shown(ReadOnlySpan<byte> number) =>
        number.Length <= MaxShownLength ? Encoding.UTF8.GetString(number) : Encoding.UTF8.GetString(number[..MaxShownLength]) + "...";
}
