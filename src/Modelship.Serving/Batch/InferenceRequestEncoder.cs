using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Modelship.Serving.Protocol;

namespace Modelship.Serving.Batch;

/// <summary>A mini-batch as a V2 request: the rows it carries, and the rows refused before sending with their reason.</summary>
/// <param name="Body">The V2 JSON request body; null when no row of the batch could be sent.</param>
/// <param name="Sent">The rows in the request, in order: row i of every tensor.</param>
/// <param name="Refused">Rows that cannot be sent, each with a message naming its row and column.</param>
public sealed record EncodedBatch(byte[]? Body, IReadOnlyList<BatchInputRow> Sent, IReadOnlyList<(BatchInputRow Row, string Error)> Refused);

/// <summary>
/// Turns rows into one V2 inference request per <see cref="TensorLayout"/> (pure). A row that has a problem of its own,
/// a missing value or a value that is not of the tensor's datatype is refused with a message naming the row and
/// column; the other rows of the batch are still sent. <see cref="RequestParameters"/> go into the request's
/// <c>parameters</c>.
/// </summary>
public static class InferenceRequestEncoder
{
    public static EncodedBatch Encode(IReadOnlyList<BatchInputRow> rows, IReadOnlyList<string> columns, TensorLayout layout, RequestParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(parameters);
        var sent = new List<BatchInputRow>(rows.Count);
        var refused = new List<(BatchInputRow, string)>();
        var scratch = new ArrayBufferWriter<byte>();
        foreach (var row in rows)
        {
            if (ProblemOf(row, columns, layout, scratch) is { } problem)
            {
                refused.Add((row, problem));
            }
            else
            {
                sent.Add(row);
            }
        }
        return new EncodedBatch(sent.Count == 0 ? null : Body(sent, layout, parameters), sent, refused);
    }

    private static string? ProblemOf(BatchInputRow row, IReadOnlyList<string> columns, TensorLayout layout, ArrayBufferWriter<byte> scratch)
    {
        if (row.Problem is not null)
        {
            return $"{row.Where} {row.Problem}";
        }
        foreach (var tensor in layout.Tensors)
        {
            foreach (var column in tensor.Columns)
            {
                if (row.Values[column] is not { } text)
                {
                    return $"{row.Where}, column {columns[column]}: no value (input tensor {tensor.Name} is {tensor.Datatype})";
                }
                scratch.ResetWrittenCount();
                using var writer = new Utf8JsonWriter(scratch);
                if (TensorValueParser.TryWrite(writer, tensor.Datatype, text) is { } problem)
                {
                    return $"{row.Where}, column {columns[column]}: {problem} (input tensor {tensor.Name} is {tensor.Datatype})";
                }
            }
        }
        return null;
    }

    private static byte[] Body(IReadOnlyList<BatchInputRow> rows, TensorLayout layout, RequestParameters parameters)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ProtocolJsonContext.WriterOptions))
        {
            writer.WriteStartObject();
            if (parameters.Count > 0)
            {
                writer.WriteStartObject("parameters");
                foreach (var (name, value) in parameters.Values)
                {
                    writer.WritePropertyName(name);
                    RequestParameters.WriteValue(writer, value);
                }
                writer.WriteEndObject();
            }
            writer.WriteStartArray("inputs");
            foreach (var tensor in layout.Tensors)
            {
                writer.WriteStartObject();
                writer.WriteString("name", tensor.Name);
                writer.WriteString("datatype", tensor.Datatype);
                writer.WriteStartArray("shape");
                writer.WriteNumberValue(rows.Count);
                if (!tensor.OneValuePerRow)
                {
                    writer.WriteNumberValue(tensor.Columns.Count);
                }
                writer.WriteEndArray();
                writer.WriteStartArray("data");
                foreach (var row in rows)
                {
                    foreach (var column in tensor.Columns)
                    {
                        TensorValueParser.TryWrite(writer, tensor.Datatype, row.Values[column]!);
                    }
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
