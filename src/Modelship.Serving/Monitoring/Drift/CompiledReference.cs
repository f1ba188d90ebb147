using System.Text.Json;
using Modelship.Serving.Monitoring.Profile;

namespace Modelship.Serving.Monitoring.Drift;

/// <summary>
/// A reference profile prepared for the live side: one column per feature then one per prediction output, and for
/// each V2 tensor name the columns its elements go to (the tensor itself for a 1-D input, <c>name[j]</c> for column j
/// of a 2-D one), so a request is binned without building a name per element.
/// </summary>
public sealed class CompiledReference
{
    private readonly Dictionary<string, TensorColumns> _inputs;
    private readonly Dictionary<string, TensorColumns> _outputs;
    private readonly Dictionary<string, int>?[] _categories;

    public CompiledReference(ReferenceProfile profile)
    {
        Profile = profile;
        Columns = [.. profile.Features, .. profile.Predictions];
        FeatureCount = profile.Features.Count;
        _inputs = MapTensors(profile.Features, 0);
        _outputs = MapTensors(profile.Predictions, FeatureCount);
        _categories = [.. Columns.Select(c => c.Type == ColumnType.Categorical
            ? c.Categories!.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal)
            : null)];
    }

    public ReferenceProfile Profile { get; }

    /// <summary>Features first (indexes below <see cref="FeatureCount"/>), then predictions.</summary>
    public IReadOnlyList<ColumnProfile> Columns { get; }

    public int FeatureCount { get; }

    public bool IsFeature(int column) => column < FeatureCount;

    public TensorColumns? Input(string name) => _inputs.GetValueOrDefault(name);

    public TensorColumns? Output(string name) => _outputs.GetValueOrDefault(name);

    /// <summary>The bin of one tensor element in <paramref name="column"/>, and whether it lies outside the reference range; null when the element has no usable value.</summary>
    public (int Bin, bool OutOfRange)? Bin(int column, JsonElement element)
    {
        var profile = Columns[column];
        if (profile.Type == ColumnType.Numeric)
        {
            if (!TryNumber(element, out var value))
            {
                return null;
            }
            return (NumericBins.BinOf(profile.Edges!, value), value < profile.Min || value > profile.Max);
        }
        var key = element.ValueKind switch
        {
            JsonValueKind.Number => CategoryKeys.FromNumber(element.GetDouble()),
            JsonValueKind.String => CategoryKeys.FromText(element.GetString()!),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
        if (key is null)
        {
            return null;
        }
        var categories = _categories[column]!;
        return (categories.TryGetValue(key, out var bin) ? bin : categories.Count, false);
    }

    private static bool TryNumber(JsonElement element, out double value)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                value = element.GetDouble();
                return double.IsFinite(value);
            case JsonValueKind.True or JsonValueKind.False:
                value = element.ValueKind == JsonValueKind.True ? 1 : 0;
                return true;
            default:
                // Non-finite floats arrive as "NaN"/"Infinity" strings: no value to bin.
                value = 0;
                return false;
        }
    }

    private static Dictionary<string, TensorColumns> MapTensors(IReadOnlyList<ColumnProfile> columns, int offset)
    {
        var tensors = new Dictionary<string, TensorColumns>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            var name = columns[i].Name;
            if (TensorColumnName.TryParse(name, out var tensor, out var index))
            {
                var entry = tensors.TryGetValue(tensor, out var found) ? found : tensors[tensor] = new TensorColumns();
                entry.SetColumn(index, offset + i);
            }
            else
            {
                var entry = tensors.TryGetValue(name, out var found) ? found : tensors[name] = new TensorColumns();
                entry.Whole = offset + i;
            }
        }
        return tensors;
    }
}

/// <summary>Where the elements of one V2 tensor go: <see cref="Whole"/> for a 1-D tensor, <see cref="Column"/> per column of a 2-D one (-1: not profiled).</summary>
public sealed class TensorColumns
{
    private int[] _byColumn = [];

    public int Whole { get; set; } = -1;

    public int Column(int index) => index < _byColumn.Length ? _byColumn[index] : -1;

    public bool HasColumns => _byColumn.Length > 0;

    internal void SetColumn(int index, int column)
    {
        if (index >= _byColumn.Length)
        {
            var grown = Enumerable.Repeat(-1, index + 1).ToArray();
            _byColumn.CopyTo(grown, 0);
            _byColumn = grown;
        }
        _byColumn[index] = column;
    }
}

/// <summary>The <c>name[j]</c> form of a feature that is column j of a 2-D tensor.</summary>
public static class TensorColumnName
{
    /// <summary>Most columns a feature name may give one tensor; keeps a profile from making the router allocate at will.</summary>
    public const int MaxColumns = 65536;

    public static bool TryParse(string name, out string tensor, out int column)
    {
        tensor = name;
        column = -1;
        var open = name.LastIndexOf('[');
        if (open <= 0 || !name.EndsWith(']') || !int.TryParse(name.AsSpan(open + 1, name.Length - open - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out column) || column >= MaxColumns)
        {
            column = -1;
            return false;
        }
        tensor = name[..open];
        return true;
    }
}
