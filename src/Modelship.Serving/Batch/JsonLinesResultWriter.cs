using System.Globalization;
using System.Text;
using System.Text.Json;
using Modelship.Serving.Protocol;

namespace Modelship.Serving.Batch;

/// <summary>
/// JSON Lines output: one object per input row, <c>{"row": N, inputs..., outputs..., "error": "..."}</c>; outputs keep
/// their JSON values, <c>error</c> is there only for failed rows. An input value that reads as a JSON number or
/// boolean is written as one (CSV has no types), any other as a string.
/// </summary>
public sealed class JsonLinesResultWriter : IBatchResultWriter
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly FileStream _file;
    private readonly OutputColumns _columns;

    public JsonLinesResultWriter(string path, OutputColumns columns)
    {
        _columns = columns ?? throw new ArgumentNullException(nameof(columns));
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
    }

    public void Write(BatchRowResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using (var writer = new Utf8JsonWriter(_file, ProtocolJsonContext.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber(OutputColumns.Row, result.Row.Number);
            for (var i = 0; i < _columns.InputColumns.Count; i++)
            {
                writer.WritePropertyName(_columns.InputHeaders[i]);
                WriteInputValue(writer, i < result.Row.Values.Count ? result.Row.Values[i] : null);
            }
            foreach (var output in _columns.Outputs)
            {
                if (result.Outputs is not null && result.Outputs.TryGetValue(output, out var json))
                {
                    writer.WritePropertyName(output);
                    writer.WriteRawValue(json, skipInputValidation: true);
                }
            }
            if (result.Error is not null)
            {
                writer.WriteString(OutputColumns.Error, result.Error);
            }
            writer.WriteEndObject();
        }
        _file.Write(NewLine);
    }

    private static void WriteInputValue(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else if (value is "true" or "false")
        {
            writer.WriteBooleanValue(value == "true");
        }
        else if (IsJsonNumber(value))
        {
            writer.WriteRawValue(value, skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    private static bool IsJsonNumber(string value)
    {
        if (value.Length == 0 || !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return false;
        }
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(value));
            return reader.Read() && reader.TokenType == JsonTokenType.Number && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public void Dispose() => _file.Dispose();
}
