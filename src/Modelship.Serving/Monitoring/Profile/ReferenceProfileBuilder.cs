using System.Globalization;

namespace Modelship.Serving.Monitoring.Profile;

/// <summary>
/// Rows of training data to a <see cref="ReferenceProfile"/>. Pure: the caller reads the file (CSV or JSON Lines, the
/// readers of <c>modelship batch</c>) and passes the header and the rows' field texts.
/// </summary>
public static class ReferenceProfileBuilder
{
    public static ReferenceProfile Build(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string?>> rows, ProfileOptions options)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Bins < 2)
        {
            throw new ProfileInputException($"--bins must be at least 2 (got {options.Bins})");
        }
        if (options.TopK < 1)
        {
            throw new ProfileInputException($"--top-k must be at least 1 (got {options.TopK})");
        }
        var named = Name(columns, options);
        var values = columns.Select(_ => new List<string?>()).ToArray();
        long count = 0;
        foreach (var row in rows)
        {
            count++;
            for (var i = 0; i < columns.Count; i++)
            {
                values[i].Add(i < row.Count ? row[i] : null);
            }
        }
        if (count == 0)
        {
            throw new ProfileInputException("the input has no data rows");
        }
        var categorical = new HashSet<string>(options.Categorical ?? [], StringComparer.Ordinal);
        var features = new List<ColumnProfile>();
        var predictions = new List<ColumnProfile>();
        foreach (var (column, name, isTarget) in named)
        {
            var profile = Profile(name, values[column], categorical.Contains(columns[column]), options);
            (isTarget ? predictions : features).Add(profile);
        }
        return new ReferenceProfile { Rows = count, Features = features, Predictions = predictions };
    }

    /// <summary>Each column's index, the feature or output name it is profiled under, and whether it is the target.</summary>
    public static IReadOnlyList<(int Column, string Name, bool IsTarget)> Name(IReadOnlyList<string> columns, ProfileOptions options)
    {
        var named = new List<(int, string, bool)>();
        var targetFound = false;
        var position = 0;
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == options.Target)
            {
                targetFound = true;
                named.Add((i, options.TargetOutput ?? columns[i], true));
                continue;
            }
            var name = options.InputName is { } input ? string.Create(CultureInfo.InvariantCulture, $"{input}[{position}]") : columns[i];
            position++;
            named.Add((i, name, false));
        }
        if (options.Target is { } target && !targetFound)
        {
            throw new ProfileInputException($"--target {target}: the input has no column of that name (its columns are {string.Join(", ", columns)})");
        }
        var missingCategorical = (options.Categorical ?? []).Where(c => !columns.Contains(c)).ToList();
        if (missingCategorical.Count > 0)
        {
            throw new ProfileInputException($"--categorical {string.Join(", ", missingCategorical)}: the input has no such column (its columns are {string.Join(", ", columns)})");
        }
        return named;
    }

    /// <summary>Numeric when every present value is a finite number and the column is not forced categorical.</summary>
    public static ColumnProfile Profile(string name, IReadOnlyList<string?> values, bool forceCategorical, ProfileOptions options)
    {
        var present = values.Where(v => !IsMissing(v)).Select(v => v!).ToList();
        var numbers = forceCategorical ? null : Numbers(present);
        if (numbers is not null && numbers.Count > 0)
        {
            numbers.Sort();
            var edges = NumericBins.QuantileEdges(numbers, options.Bins);
            var counts = new long[edges.Length + 1];
            foreach (var number in numbers)
            {
                counts[NumericBins.BinOf(edges, number)]++;
            }
            return new ColumnProfile
            {
                Name = name,
                Type = ColumnType.Numeric,
                Count = numbers.Count,
                MissingRatio = (double)(values.Count - numbers.Count) / values.Count,
                Min = numbers[0],
                Max = numbers[^1],
                Edges = edges,
                Proportions = Proportions(counts, numbers.Count),
            };
        }
        var keys = present.Select(CategoryKeys.FromText).ToList();
        var top = keys.GroupBy(k => k, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(options.TopK)
            .Select(g => g.Key)
            .ToList();
        var index = top.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);
        var categoryCounts = new long[top.Count + 1];
        foreach (var key in keys)
        {
            categoryCounts[index.TryGetValue(key, out var i) ? i : top.Count]++;
        }
        return new ColumnProfile
        {
            Name = name,
            Type = ColumnType.Categorical,
            Count = keys.Count,
            MissingRatio = (double)(values.Count - keys.Count) / values.Count,
            Categories = top,
            Proportions = keys.Count == 0 ? [] : Proportions(categoryCounts, keys.Count),
        };
    }

    /// <summary>Empty fields, JSON null and NaN carry no value.</summary>
    public static bool IsMissing(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Trim().Equals("NaN", StringComparison.OrdinalIgnoreCase) || value.Trim() == "null";

    private static List<double>? Numbers(List<string> present)
    {
        var numbers = new List<double>(present.Count);
        foreach (var text in present)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            {
                return null;
            }
            numbers.Add(number);
        }
        return numbers;
    }

    private static double[] Proportions(long[] counts, long total) => [.. counts.Select(c => (double)c / total)];
}
