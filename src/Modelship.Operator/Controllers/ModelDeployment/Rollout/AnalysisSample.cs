using System.Globalization;
using System.Text;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>One sample line of a Prometheus text exposition (format 0.0.4), as the canary analysis reads it.</summary>
public sealed record AnalysisSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Label(string name) => Labels.GetValueOrDefault(name) ?? "";

    /// <summary>The samples of <paramref name="exposition"/>; comments, blank and malformed lines are skipped.</summary>
    public static IEnumerable<AnalysisSample> Parse(string exposition)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        foreach (var raw in exposition.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length > 0 && line[0] != '#' && TryParseLine(line) is { } sample)
            {
                yield return sample;
            }
        }
    }

    /// <summary><c>name{label="value",...} value [timestamp]</c> or <c>name value [timestamp]</c>; null when malformed.</summary>
    public static AnalysisSample? TryParseLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var nameEnd = line.IndexOfAny(['{', ' ']);
        if (nameEnd <= 0)
        {
            return null;
        }
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = nameEnd;
        if (line[nameEnd] == '{' && !TryReadLabels(line, nameEnd + 1, labels, out rest))
        {
            return null;
        }
        var fields = line[rest..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length is 1 or 2 && TryParseValue(fields[0], out var value)
            ? new AnalysisSample(line[..nameEnd], labels, value)
            : null;
    }

    /// <summary>Reads <c>a="x",b="y"}</c> from <paramref name="start"/>; <paramref name="end"/> is the index after the brace.</summary>
    private static bool TryReadLabels(string line, int start, Dictionary<string, string> labels, out int end)
    {
        var i = start;
        end = line.Length;
        while (i < line.Length)
        {
            if (line[i] == '}')
            {
                end = i + 1;
                return true;
            }
            var equals = line.IndexOf('=', i);
            if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"')
            {
                return false;
            }
            var name = line[i..equals].Trim();
            var value = new StringBuilder();
            var j = equals + 2;
            for (; j < line.Length && line[j] != '"'; j++)
            {
                if (line[j] == '\\' && j + 1 < line.Length)
                {
                    j++;
                    value.Append(line[j] == 'n' ? '\n' : line[j]);
                }
                else
                {
                    value.Append(line[j]);
                }
            }
            if (j >= line.Length)
            {
                return false;
            }
            labels[name] = value.ToString();
            i = j + 1;
            if (i < line.Length && line[i] == ',')
            {
                i++;
            }
        }
        return false;
    }

    /// <summary>A sample value or <c>le</c> bound: a float, <c>+Inf</c>, <c>-Inf</c> or <c>NaN</c>.</summary>
    public static bool TryParseValue(string text, out double value)
    {
        switch (text)
        {
            case "+Inf" or "Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            case "NaN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
