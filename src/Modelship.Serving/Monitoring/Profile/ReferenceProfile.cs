using System.Text.Json.Serialization;

namespace Modelship.Serving.Monitoring.Profile;

/// <summary>
/// The training reference drift is measured against (docs/monitoring.md, "Drift"): per feature and per prediction
/// output, its type, bins with their reference proportions, range and missing ratio. Written by <c>modelship profile</c>,
/// read by the router. <see cref="Version"/> changes only with an incompatible format.
/// </summary>
public sealed record ReferenceProfile
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    /// <summary>Rows the profile was computed from.</summary>
    public long Rows { get; init; }

    /// <summary>Per feature: a V2 input name, or <c>input[column]</c> for a column of a 2-D input.</summary>
    public IReadOnlyList<ColumnProfile> Features { get; init; } = [];

    /// <summary>Per output (the target column of the training data, named like the model's output).</summary>
    public IReadOnlyList<ColumnProfile> Predictions { get; init; } = [];
}

/// <summary>The reference distribution of one feature or output.</summary>
public sealed record ColumnProfile
{
    public required string Name { get; init; }

    public required ColumnType Type { get; init; }

    /// <summary>Rows with a value.</summary>
    public long Count { get; init; }

    /// <summary>Rows without a value (empty, null or NaN) over all rows.</summary>
    public double MissingRatio { get; init; }

    /// <summary>Smallest value (numeric only).</summary>
    public double? Min { get; init; }

    /// <summary>Largest value (numeric only).</summary>
    public double? Max { get; init; }

    /// <summary>
    /// Numeric only: the ascending, distinct inner bin edges. Bin i holds values v with edges[i-1] &lt; v &lt;= edges[i]
    /// (the first bin is open below, the last open above), so there are edges + 1 bins.
    /// </summary>
    public IReadOnlyList<double>? Edges { get; init; }

    /// <summary>Categorical only: the most frequent values; one bin each, then one bin for every other value.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>Share of the rows with a value in each bin (sums to 1).</summary>
    public IReadOnlyList<double> Proportions { get; init; } = [];

    [JsonIgnore]
    public int BinCount => Type == ColumnType.Numeric ? (Edges?.Count ?? 0) + 1 : (Categories?.Count ?? 0) + 1;
}

[JsonConverter(typeof(JsonStringEnumConverter<ColumnType>))]
public enum ColumnType
{
    [JsonStringEnumMemberName("numeric")]
    Numeric,

    [JsonStringEnumMemberName("categorical")]
    Categorical,
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ReferenceProfile))]
internal sealed partial class ProfileJsonContext : JsonSerializerContext;
