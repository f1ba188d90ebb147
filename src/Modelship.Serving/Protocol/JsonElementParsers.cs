using System.Text.Json;

namespace Modelship.Serving.Protocol;

/// <summary>Reads one tensor element of type <typeparamref name="T"/> at the reader's current token.</summary>
internal interface IJsonElementParser<T>
{
    static abstract bool TryParse(ref Utf8JsonReader reader, out T value);
}

internal readonly struct BoolElement : IJsonElementParser<bool>
{
    public static bool TryParse(ref Utf8JsonReader reader, out bool value)
    {
        value = reader.TokenType == JsonTokenType.True;
        return reader.TokenType is JsonTokenType.True or JsonTokenType.False;
    }
}

internal readonly struct UInt8Element : IJsonElementParser<byte>
{
    public static bool TryParse(ref Utf8JsonReader reader, out byte value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetByte(out value);
    }
}

internal readonly struct UInt16Element : IJsonElementParser<ushort>
{
    public static bool TryParse(ref Utf8JsonReader reader, out ushort value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetUInt16(out value);
    }
}

internal readonly struct UInt32Element : IJsonElementParser<uint>
{
    public static bool TryParse(ref Utf8JsonReader reader, out uint value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetUInt32(out value);
    }
}

internal readonly struct UInt64Element : IJsonElementParser<ulong>
{
    public static bool TryParse(ref Utf8JsonReader reader, out ulong value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out value);
    }
}

internal readonly struct Int8Element : IJsonElementParser<sbyte>
{
    public static bool TryParse(ref Utf8JsonReader reader, out sbyte value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetSByte(out value);
    }
}

internal readonly struct Int16Element : IJsonElementParser<short>
{
    public static bool TryParse(ref Utf8JsonReader reader, out short value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt16(out value);
    }
}

internal readonly struct Int32Element : IJsonElementParser<int>
{
    public static bool TryParse(ref Utf8JsonReader reader, out int value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out value);
    }
}

internal readonly struct Int64Element : IJsonElementParser<long>
{
    public static bool TryParse(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value);
    }
}

/// <summary>
/// Floats accept numbers within the datatype's range and the strings "NaN", "Infinity", "-Infinity" that JSON numbers
/// cannot express (our extension of V2 JSON). A number that would round to infinity (1e400, or 70000 for FP16) is
/// refused rather than read as infinity.
/// </summary>
internal readonly struct Fp64Element : IJsonElementParser<double>
{
    public static bool TryParse(ref Utf8JsonReader reader, out double value)
    {
        if (reader.TokenType == JsonTokenType.Number) return reader.TryGetDouble(out value) && double.IsFinite(value);
        return NonFiniteFloat.TryParse(ref reader, out value);
    }
}

internal readonly struct Fp32Element : IJsonElementParser<float>
{
    public static bool TryParse(ref Utf8JsonReader reader, out float value)
    {
        if (reader.TokenType == JsonTokenType.Number) return reader.TryGetSingle(out value) && float.IsFinite(value);
        var parsed = NonFiniteFloat.TryParse(ref reader, out var wide);
        value = (float)wide;
        return parsed;
    }
}

internal readonly struct Fp16Element : IJsonElementParser<Half>
{
    public static bool TryParse(ref Utf8JsonReader reader, out Half value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            var parsed = reader.TryGetSingle(out var wide) && float.IsFinite(wide);
            value = (Half)wide;
            return parsed && !Half.IsInfinity(value);
        }
        var named = NonFiniteFloat.TryParse(ref reader, out var special);
        value = (Half)special;
        return named;
    }
}

/// <summary>The strings "NaN", "Infinity", "-Infinity", which stand for the floats JSON numbers cannot express.</summary>
internal static class NonFiniteFloat
{
    public static bool TryParse(ref Utf8JsonReader reader, out double value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.String) return false;
        if (reader.ValueTextEquals("NaN"u8)) value = double.NaN;
        else if (reader.ValueTextEquals("Infinity"u8)) value = double.PositiveInfinity;
        else if (reader.ValueTextEquals("-Infinity"u8)) value = double.NegativeInfinity;
        else return false;
        return true;
    }
}

/// <summary>BYTES elements are JSON strings; one that is not text (an escaped lone surrogate such as "\ud800") is refused.</summary>
internal readonly struct StringElement : IJsonElementParser<string>
{
    public static bool TryParse(ref Utf8JsonReader reader, out string value)
    {
        value = string.Empty;
        if (reader.TokenType != JsonTokenType.String) return false;
        try
        {
            value = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
