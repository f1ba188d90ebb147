using System.Globalization;

namespace Modelship.Benchmarks.Operator;

/// <summary>Reads single series from the operator's Prometheus text exposition.</summary>
internal sealed class MetricsScraper(HttpClient http, Uri metrics)
{
    /// <summary>The value of the series named <paramref name="name"/> whose labels include all of <paramref name="labels"/>; null if absent.</summary>
    public async Task<double?> ValueAsync(string name, params string[] labels)
    {
        string text;
        try
        {
            text = await http.GetStringAsync(metrics).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return null;
        }

        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(name + "{", StringComparison.Ordinal) && !line.StartsWith(name + " ", StringComparison.Ordinal))
            {
                continue;
            }

            if (labels.All(label => line.Contains(label, StringComparison.Ordinal)))
            {
                return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
