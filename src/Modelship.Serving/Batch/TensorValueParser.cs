using System.Globalization;
using System.Text.Json;

namespace Modelship.Serving.Batch;

/// <summary>Checks one text value against a V2 datatype and writes it as a JSON tensor element.</summary>
public static class TensorValueParser
{
    /// <summary>Writes <paramref name="text"/> as an element of a <paramref name="datatype"/> tensor; returns why not when it is not one.</summary>
    public static string? TryWrite(Utf8JsonWriter writer, string datatype, string text)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var trimmed = text.Trim();
        switch (datatype)
        {
            case "BYTES":
                writer.WriteStringValue(text);
                return null;
            case "BOOL":
                if (trimmed is "true" or "True" or "TRUE" or "1")
                {
                    writer.WriteBooleanValue(true);
                    return null;
                }
                if (trimmed is "false" or "False" or "FALSE" or "0")
                {
                    writer.WriteBooleanValue(false);
                    return null;
                }
                return $"\"{text}\" is not a boolean (true, false, 1 or 0)";
            case "FP16" or "FP32" or "FP64":
                if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
                {
                    writer.WriteNumberValue(real);
                    return null;
                }
                return $"\"{text}\" is not a finite number";
            case "UINT8" or "UINT16" or "UINT32" or "UINT64":
                if (ulong.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned))
                {
                    writer.WriteNumberValue(unsigned);
                    return null;
                }
                return $"\"{text}\" is not an unsigned integer";
            case "INT8" or "INT16" or "INT32" or "INT64":
                if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    writer.WriteNumberValue(integer);
                    return null;
                }
                return $"\"{text}\" is not an integer";
            default:
                return $"the datatype {datatype} cannot be sent from text";
        }
    }
}
