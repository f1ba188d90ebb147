namespace Modelship.Serving.Tests.Http;

/// <summary>Reads a Prometheus text exposition: its sample lines, one per series.</summary>
internal static class ExposedSeries
{
    public static IReadOnlyList<string> Of(string exposition) =>
        [.. exposition.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#'))];

    /// <summary>The series' names with their labels, without the values (which change with traffic).</summary>
    public static IReadOnlySet<string> Keys(string exposition) =>
        Of(exposition).Select(l => l[..l.LastIndexOf(' ')]).ToHashSet(StringComparer.Ordinal);
}
