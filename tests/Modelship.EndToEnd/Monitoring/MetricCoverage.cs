namespace Modelship.EndToEnd.Monitoring;

/// <summary>Which selectors of the alerts and the dashboard select nothing that the job they name exposes.</summary>
public static class MetricCoverage
{
    /// <summary>Prometheus makes this series for every target it scrapes.</summary>
    public const string Up = "up";

    /// <param name="exposedByJob">The sample names each job's targets expose, from real scrapes.</param>
    /// <returns>One line per selector that names no job, a job that was not scraped, or a metric the job does not expose.</returns>
    public static IReadOnlyList<string> Missing(IEnumerable<(string Source, MetricSelector Selector)> selectors, IReadOnlyDictionary<string, IReadOnlySet<string>> exposedByJob)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        ArgumentNullException.ThrowIfNull(exposedByJob);
        var missing = new List<string>();
        foreach (var (source, selector) in selectors)
        {
            if (selector.Job is not { } job)
            {
                missing.Add($"{source}: {selector} names no job");
            }
            else if (!exposedByJob.TryGetValue(job, out var exposed))
            {
                missing.Add($"{source}: {selector} names job {job}, which no test scraped");
            }
            else if (selector.Metric != Up && !exposed.Contains(selector.Metric))
            {
                missing.Add($"{source}: {selector}: job {job} exposes no {selector.Metric}");
            }
        }
        return missing.Distinct(StringComparer.Ordinal).ToList();
    }
}
