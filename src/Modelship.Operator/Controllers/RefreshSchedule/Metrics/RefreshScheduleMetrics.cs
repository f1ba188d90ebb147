using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Informers;
using Modelship.Operator.Controllers.RefreshSchedule.Trial;
using Schedule = Modelship.Api.V1Alpha1.RefreshSchedule;

namespace Modelship.Operator.Controllers.RefreshSchedule.Metrics;

/// <summary>
/// The per-RefreshSchedule series on a Meter named <see cref="MeterName"/>: runs this process ended, counted by result
/// and observed for every cached schedule and every result from 0, so the series exist before the first run (an alert on <c>increase(modelship_refresh_runs_total{result=~"Rejected|Failed"}[1d])</c> catches a registry that
/// keeps producing worse models), and gauges observed at each scrape from the informer cache: when the last run
/// finished, when the next is due, and the candidate on trial.
/// </summary>
public sealed class RefreshScheduleMetrics : IDisposable
{
    public const string MeterName = "Modelship.Operator.RefreshSchedule";

    public const string RunsName = "modelship_refresh_runs_total";
    public const string LastRunName = "modelship_refresh_last_run_timestamp_seconds";
    public const string NextRunName = "modelship_refresh_next_run_timestamp_seconds";
    public const string TrialName = "modelship_refresh_trial";

    private readonly ObjectCache<Schedule> _schedules;
    private readonly ConcurrentDictionary<(string? Namespace, string? Name, RefreshRunResult Result), long> _runs = new();

    public RefreshScheduleMetrics(ObjectCache<Schedule> schedules)
    {
        _schedules = schedules;
        Meter = new Meter(MeterName);
        Meter.CreateObservableCounter(RunsName, ObserveRuns, description: "RefreshSchedule runs this process ended, by result: Promoted, Rejected, Failed, Skipped, NoNewVersion or BatchOnly.");
        Meter.CreateObservableGauge(LastRunName, ObserveLastRuns, unit: "s", description: "When the last run of a RefreshSchedule finished (Unix time), labelled with its result.");
        Meter.CreateObservableGauge(NextRunName, ObserveNextRuns, unit: "s", description: "When the next run of a RefreshSchedule is due (Unix time); absent while suspended or invalid.");
        Meter.CreateObservableGauge(TrialName, ObserveTrials, description: "1 while a candidate version is on trial in the target (a shadow or a canary), labelled with its version and phase.");
    }

    public Meter Meter { get; }

    /// <summary>Counts a run that ended.</summary>
    public void RunEnded(Schedule schedule, RefreshRunResult result)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        _runs.AddOrUpdate((schedule.Metadata.NamespaceProperty, schedule.Metadata.Name, result), 1, (_, count) => count + 1);
    }

    public void Dispose() => Meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveRuns()
    {
        var schedules = _schedules.List();
        var cached = schedules.Select(s => ((string?)s.Metadata.NamespaceProperty, (string?)s.Metadata.Name)).ToHashSet();
        foreach (var gone in _runs.Keys.Where(k => !cached.Contains((k.Namespace, k.Name))))
        {
            _runs.TryRemove(gone, out _);
        }
        return schedules.SelectMany(s => Enum.GetValues<RefreshRunResult>().Select(result =>
            new Measurement<long>(_runs.GetValueOrDefault((s.Metadata.NamespaceProperty, s.Metadata.Name, result)), Tags(s, ("result", result.ToString())))));
    }

    private IEnumerable<Measurement<double>> ObserveLastRuns()
    {
        foreach (var schedule in _schedules.List())
        {
            if (schedule.Status?.LastRun is { FinishedAt: { } finished } run)
            {
                yield return new Measurement<double>(finished.ToUnixTimeMilliseconds() / 1000.0, Tags(schedule, ("result", run.Result.ToString())));
            }
        }
    }

    private IEnumerable<Measurement<double>> ObserveNextRuns()
    {
        foreach (var schedule in _schedules.List())
        {
            if (schedule.Status?.NextScheduleTime is { } next)
            {
                yield return new Measurement<double>(next.ToUnixTimeMilliseconds() / 1000.0, Tags(schedule));
            }
        }
    }

    private IEnumerable<Measurement<int>> ObserveTrials()
    {
        foreach (var schedule in _schedules.List())
        {
            if (schedule.Status?.Trial is { } trial)
            {
                yield return new Measurement<int>(1, Tags(schedule, ("version", trial.Version), ("phase", TrialProgress.PhaseName(trial.Phase))));
            }
        }
    }

    /// <summary>The object's labels, named as kube-state-metrics names them (<c>namespace</c>, then the kind), plus <paramref name="extra"/>.</summary>
    private static KeyValuePair<string, object?>[] Tags(Schedule schedule, params (string Name, string Value)[] extra) =>
        [new("namespace", schedule.Metadata.NamespaceProperty), new("refreshschedule", schedule.Metadata.Name), .. extra.Select(e => new KeyValuePair<string, object?>(e.Name, e.Value))];
}
