using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Informers;
using Modelship.Operator.Controllers.RefreshSchedule.Metrics;
using Modelship.Telemetry;
using Schedule = Modelship.Api.V1Alpha1.RefreshSchedule;

namespace Modelship.Operator.Tests.RefreshSchedule.Metrics;

/// <summary>The series through the exporter the operator serves /metrics with, so names and labels cannot drift.</summary>
public sealed class RefreshScheduleMetricsTests : IDisposable
{
    private readonly ObjectCache<Schedule> _cache = new();
    private readonly RefreshScheduleMetrics _metrics;
    private readonly PrometheusCollector _collector;

    public RefreshScheduleMetricsTests()
    {
        _metrics = new RefreshScheduleMetrics(_cache);
        _collector = new PrometheusCollector(meter => ReferenceEquals(meter, _metrics.Meter));
    }

    private static Schedule Nightly(RefreshScheduleStatus? status) => new()
    {
        Metadata = new V1ObjectMeta { Name = "iris-nightly", NamespaceProperty = "ml", Uid = "u1" },
        Spec = new RefreshScheduleSpec
        {
            Schedule = "0 3 * * *",
            Target = new RefreshTarget { ModelDeployment = "iris" },
            Source = new RefreshSource { Directory = new DirectoryVersionSourceSpec { Path = "/models" } },
        },
        Status = status,
    };

    [Fact]
    public void Runs_are_counted_by_result_and_the_last_and_next_runs_and_the_trial_are_read_from_status()
    {
        var schedule = Nightly(new RefreshScheduleStatus
        {
            NextScheduleTime = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000),
            LastRun = new RefreshRun { StartedAt = DateTimeOffset.FromUnixTimeSeconds(1_799_990_000), FinishedAt = DateTimeOffset.FromUnixTimeSeconds(1_799_990_005), Result = RefreshRunResult.Rejected },
            Trial = new RefreshTrial
            {
                StartedAt = DateTimeOffset.UnixEpoch,
                Version = "1.2.0",
                Uri = "file:///models/1.2.0",
                ChampionVersion = "1.1.0",
                Phase = RefreshTrialPhase.Shadow,
                PhaseStartedAt = DateTimeOffset.UnixEpoch,
            },
        });
        _cache.Upsert(schedule);
        _metrics.RunEnded(schedule, RefreshRunResult.Rejected);
        _metrics.RunEnded(schedule, RefreshRunResult.Rejected);
        _metrics.RunEnded(schedule, RefreshRunResult.Promoted);

        var exposition = _collector.Scrape();

        exposition.Should()
            .Contain("modelship_refresh_runs_total{namespace=\"ml\",refreshschedule=\"iris-nightly\",result=\"Rejected\"} 2").And
            .Contain("modelship_refresh_runs_total{namespace=\"ml\",refreshschedule=\"iris-nightly\",result=\"Promoted\"} 1").And
            .Contain("modelship_refresh_last_run_timestamp_seconds{namespace=\"ml\",refreshschedule=\"iris-nightly\",result=\"Rejected\"} 1799990005").And
            .Contain("modelship_refresh_next_run_timestamp_seconds{namespace=\"ml\",refreshschedule=\"iris-nightly\"} 1800000000").And
            .Contain("modelship_refresh_trial{namespace=\"ml\",phase=\"shadow\",refreshschedule=\"iris-nightly\",version=\"1.2.0\"} 1");
    }

    [Fact]
    public void A_schedule_without_status_has_its_run_counts_at_0_and_no_gauges()
    {
        _cache.Upsert(Nightly(null));
        var exposition = _collector.Scrape();
        exposition.Should().Contain("modelship_refresh_runs_total{namespace=\"ml\",refreshschedule=\"iris-nightly\",result=\"Rejected\"} 0");
        exposition.Should().NotContain("modelship_refresh_last_run_timestamp_seconds{").And.NotContain("modelship_refresh_trial{");
    }

    public void Dispose()
    {
        _collector.Dispose();
        _metrics.Dispose();
    }
}
