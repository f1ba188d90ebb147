using Modelship.Api.Routing;

namespace Modelship.Operator.Controllers.ModelDeployment.Monitoring;

/// <summary>
/// Pure: the reports of every router Pod as one. Counts add (requests, errors, check failures, actuals); a share or a
/// distance computed per Pod cannot be added, so the worst Pod's is kept: the highest latency percentiles, the lowest
/// shadow agreement, the largest PSI and Hellinger distance per feature, the worst accuracy metric. Drift of a version
/// is taken from the Pods whose window holds at least <c>minSamples</c> requests when there are any, so a Pod that has
/// barely started cannot make a version look drifting with a few requests.
/// </summary>
public static class MonitoringReportMerge
{
    /// <summary>Windows in the order the routers report them.</summary>
    private static readonly string[] WindowOrder = ["1m", "1h", "24h"];

    /// <summary>Accuracy metrics for which larger is better; all others are errors.</summary>
    private static readonly HashSet<string> HigherIsBetter = new(["accuracy", "auc"], StringComparer.Ordinal);

    public static MonitoringReport Merge(IReadOnlyList<MonitoringReport> reports, int minDriftSamples)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return new MonitoringReport
        {
            Model = reports.Count > 0 ? reports[0].Model : "",
            Generation = reports.Count > 0 ? reports.Min(r => r.Generation) : 0,
            Time = reports.Count > 0 ? reports.Max(r => r.Time) : default,
            ServiceStats = ServiceStats(reports.SelectMany(r => r.ServiceStats)),
            Drift = Drift(reports.SelectMany(r => r.Drift), minDriftSamples),
            Accuracy = Accuracy(reports.SelectMany(r => r.Accuracy)),
            ActualsReceived = reports.Sum(r => r.ActualsReceived),
        };
    }

    private static List<VersionServiceStats> ServiceStats(IEnumerable<VersionServiceStats> stats) =>
        [.. stats.GroupBy(s => (s.Version, s.Role)).Select(g => new VersionServiceStats
        {
            Version = g.Key.Version,
            Role = g.Key.Role,
            Windows = [.. g.SelectMany(s => s.Windows).GroupBy(w => w.Window, StringComparer.Ordinal)
                .OrderBy(w => Array.IndexOf(WindowOrder, w.Key) is var i and >= 0 ? i : WindowOrder.Length)
                .ThenBy(w => w.Key, StringComparer.Ordinal)
                .Select(Window)],
        })];

    private static WindowStats Window(IGrouping<string, WindowStats> windows)
    {
        var requests = windows.Sum(w => w.Requests);
        var errors = windows.Sum(w => w.Errors);
        return new WindowStats
        {
            Window = windows.Key,
            Requests = requests,
            Errors = errors,
            ErrorRate = requests > 0 ? (double)errors / requests : null,
            LatencyP50Seconds = Max(windows.Select(w => w.LatencyP50Seconds)),
            LatencyP90Seconds = Max(windows.Select(w => w.LatencyP90Seconds)),
            LatencyP99Seconds = Max(windows.Select(w => w.LatencyP99Seconds)),
            ShadowAgreement = Min(windows.Select(w => w.ShadowAgreement)),
            CheckFailures = windows.Sum(w => w.CheckFailures),
        };
    }

    private static List<VersionDrift> Drift(IEnumerable<VersionDrift> drift, int minSamples) =>
        [.. drift.GroupBy(d => d.Version, StringComparer.Ordinal).Select(g =>
        {
            var enough = g.Where(d => d.Samples >= minSamples).ToList();
            var counted = enough.Count > 0 ? enough : [.. g];
            return new VersionDrift
            {
                Version = g.Key,
                Samples = counted.Max(d => d.Samples),
                Features = Worst(counted.SelectMany(d => d.Features)),
                Predictions = Worst(counted.SelectMany(d => d.Predictions)),
            };
        })];

    private static List<FeatureDrift> Worst(IEnumerable<FeatureDrift> features) =>
        [.. features.GroupBy(f => f.Name, StringComparer.Ordinal).Select(g => new FeatureDrift
        {
            Name = g.Key,
            Psi = g.Max(f => Finite(f.Psi)),
            Hellinger = g.Max(f => Finite(f.Hellinger)),
            OutOfRange = g.Sum(f => f.OutOfRange),
        })];

    private static List<VersionAccuracy> Accuracy(IEnumerable<VersionAccuracy> accuracy) =>
        [.. accuracy.GroupBy(a => a.Version, StringComparer.Ordinal).Select(g => new VersionAccuracy
        {
            Version = g.Key,
            Actuals = g.Sum(a => a.Actuals),
            Metrics = g.SelectMany(a => a.Metrics).Where(m => double.IsFinite(m.Value)).GroupBy(m => m.Key, StringComparer.Ordinal)
                .ToDictionary(m => m.Key, m => HigherIsBetter.Contains(m.Key) ? m.Min(x => x.Value) : m.Max(x => x.Value), StringComparer.Ordinal),
        })];

    private static double? Max(IEnumerable<double?> values) => values.Where(v => v is { } x && double.IsFinite(x)).Max();

    private static double? Min(IEnumerable<double?> values) => values.Where(v => v is { } x && double.IsFinite(x)).Min();

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
