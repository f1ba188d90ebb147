using System.Text.Json;

namespace Modelship.Serving.Monitoring.Drift;

/// <summary>
/// Bins the values of a V2 request's <c>inputs</c> and an answer's <c>outputs</c> against a <see cref="CompiledReference"/>.
/// A tensor of rank 1 is one feature (its name); of rank 2 or more, element k of a row is column k (<c>name[k]</c>).
/// At most <see cref="MaxRowsPerRequest"/> rows of each tensor are taken, which bounds the window's memory. Tensors,
/// elements and bodies it cannot read are skipped: monitoring never fails a request.
/// </summary>
public static class V2ValueBinner
{
    public const int MaxRowsPerRequest = 64;

    /// <summary>The binned values of <paramref name="request"/>'s inputs and <paramref name="answer"/>'s outputs; bodies that are not V2 JSON give none.</summary>
    public static List<BinnedValue> Bin(CompiledReference reference, ReadOnlyMemory<byte> request, ReadOnlyMemory<byte> answer)
    {
        var values = new List<BinnedValue>();
        Add(reference, request, "inputs", reference.Input, values);
        if (reference.Profile.Predictions.Count > 0)
        {
            Add(reference, answer, "outputs", reference.Output, values);
        }
        return values;
    }

    private static void Add(CompiledReference reference, ReadOnlyMemory<byte> body, string property, Func<string, TensorColumns?> columnsOf, List<BinnedValue> values)
    {
        if (body.IsEmpty)
        {
            return;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty(property, out var tensors)
                || tensors.ValueKind != JsonValueKind.Array)
            {
                return;
            }
            foreach (var tensor in tensors.EnumerateArray())
            {
                if (tensor.ValueKind == JsonValueKind.Object
                    && tensor.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                    && columnsOf(name.GetString()!) is { } columns
                    && tensor.TryGetProperty("data", out var data)
                    && RowWidth(tensor) is { } width)
                {
                    var position = 0;
                    AddElements(reference, columns, data, width, ref position, values);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: nothing to bin.
        }
    }

    /// <summary>Elements per row: 1 for a rank-1 tensor (or no shape), else the product of the dimensions after the first; null when the shape is unusable.</summary>
    private static int? RowWidth(JsonElement tensor)
    {
        if (!tensor.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array)
        {
            return 0;
        }
        var rank = shape.GetArrayLength();
        if (rank <= 1)
        {
            return 0;
        }
        long width = 1;
        foreach (var dimension in shape.EnumerateArray().Skip(1))
        {
            if (dimension.ValueKind != JsonValueKind.Number || !dimension.TryGetInt64(out var size) || size < 1)
            {
                return null;
            }
            width *= size;
            if (width > TensorColumnName.MaxColumns)
            {
                return null;
            }
        }
        return (int)width;
    }

    /// <summary>Walks nested or flat data in row-major order; <paramref name="width"/> 0 means one value per row (the tensor's own feature).</summary>
    private static bool AddElements(CompiledReference reference, TensorColumns columns, JsonElement data, int width, ref int position, List<BinnedValue> values)
    {
        if (data.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in data.EnumerateArray())
            {
                if (!AddElements(reference, columns, item, width, ref position, values))
                {
                    return false;
                }
            }
            return true;
        }
        var row = width == 0 ? position : position / width;
        if (row >= MaxRowsPerRequest)
        {
            return false;
        }
        var column = width == 0 ? columns.Whole : columns.Column(position % width);
        if (column < 0 && width == 1)
        {
            // A [rows, 1] tensor profiled under its own name.
            column = columns.Whole;
        }
        position++;
        if (column >= 0 && reference.Bin(column, data) is { } binned)
        {
            values.Add(new BinnedValue(column, binned.Bin, binned.OutOfRange));
        }
        return true;
    }
}
