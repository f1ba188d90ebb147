using System.Globalization;
using System.Text.RegularExpressions;

namespace Modelship.Benchmarks.ModelDeployments;

/// <summary>Sums series of one family in the operator's Prometheus text exposition, selected by their labels.</summary>
internal sealed partial class MetricsText(HttpClient http, Uri metrics)
{
    /// <summary>The sum of the series of <paramref name="name"/> whose labels <paramref name="select"/> accepts (0 when there are none).</summary>
    public async Task<double> SumAsync(string name, Func<IReadOnlyDictionary<string, string>, bool> select) =>
        (await SeriesAsync(name).ConfigureAwait(false)).Where(s => select(s.Labels)).Sum(s => s.Value);

    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> SeriesAsync(string name)
    {
        var text = await http.GetStringAsync(metrics).ConfigureAwait(false);
        var series = new List<(IReadOnlyDictionary<string, string>, double)>();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#') || !(line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal)))
            {
                continue;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            var close = line.LastIndexOf('}');
            if (close > 0)
            {
                foreach (Match label in Label().Matches(line[(name.Length + 1)..close]))
                {
                    labels[label.Groups[1].Value] = Regex.Unescape(label.Groups[2].Value);
                }
            }

            series.Add((labels, double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)));
        }

        return series;
    }

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
