namespace Modelship.EndToEnd.Monitoring;

/// <summary>The sample names of a Prometheus text exposition: what Prometheus stores (a histogram as _bucket, _sum, _count).</summary>
public static class ExposedMetrics
{
    public static IReadOnlySet<string> Names(string exposition)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in exposition.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var end = line.IndexOfAny(['{', ' ']);
            names.Add(end < 0 ? line : line[..end]);
        }
        return names;
    }
}
