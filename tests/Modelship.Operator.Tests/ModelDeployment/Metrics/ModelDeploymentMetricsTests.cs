using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Informers;
using Modelship.Operator.Controllers.ModelDeployment.Metrics;
using Modelship.Operator.Tests.ModelDeployment.Builders;
using Modelship.Telemetry;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Tests.ModelDeployment.Metrics;

/// <summary>The series through the exporter the operator serves /metrics with, so names and labels cannot drift.</summary>
public sealed class ModelDeploymentMetricsTests : IDisposable
{
    private readonly ObjectCache<MD> _cache = new();
    private readonly RolloutCounts _rollouts = new();
    private readonly ModelDeploymentMetrics _metrics;
    private readonly PrometheusCollector _collector;

    public ModelDeploymentMetricsTests()
    {
        _metrics = new ModelDeploymentMetrics(_cache, _rollouts);
        _collector = new PrometheusCollector(meter => ReferenceEquals(meter, _metrics.Meter));
    }

    [Fact]
    public void Each_cached_ModelDeployment_has_its_conditions_target_traffic_and_rollouts_at_0()
    {
        var fraud = Samples.Fraud(s => s with { Rollout = new RolloutSpec { Analysis = new RolloutAnalysis { MaxLatencyP99 = "250ms" } } });
        fraud.Status = new ModelDeploymentStatus
        {
            Conditions = [new Condition { Type = ConditionTypes.Degraded, Status = ConditionStatus.True, Reason = ConditionReasons.RolloutAborted, LastTransitionTime = DateTimeOffset.UnixEpoch }],
            Traffic = [new TrafficBackendStatus { Name = "champion", Version = "v1", Role = TrafficRole.Champion, Weight = 100 }],
        };
        _cache.Upsert(fraud);

        var exposition = _collector.Scrape();

        exposition.Should()
            .Contain("# TYPE modelship_modeldeployment_condition gauge")
            .And.Contain("""modelship_modeldeployment_condition{modeldeployment="fraud",namespace="risk",status="True",type="Degraded"} 1""")
            .And.Contain("""modelship_modeldeployment_condition{modeldeployment="fraud",namespace="risk",status="False",type="Degraded"} 0""")
            .And.Contain("""modelship_modeldeployment_condition{modeldeployment="fraud",namespace="risk",status="Unknown",type="Ready"} 1""")
            .And.Contain("""modelship_modeldeployment_latency_target_seconds{modeldeployment="fraud",namespace="risk"} 0.25""")
            .And.Contain("""modelship_modeldeployment_traffic_ratio{modeldeployment="fraud",namespace="risk",role="champion",version="v1"} 1""")
            .And.Contain("# TYPE modelship_rollouts_total counter")
            .And.Contain("""modelship_rollouts_total{modeldeployment="fraud",namespace="risk",result="completed"} 0""")
            .And.Contain("""modelship_rollouts_total{modeldeployment="fraud",namespace="risk",result="aborted"} 0""")
            .And.Contain("""modelship_rollouts_total{modeldeployment="fraud",namespace="risk",result="failed"} 0""");
    }

    [Fact]
    public void Ended_rollouts_are_counted_per_ModelDeployment_and_result()
    {
        _cache.Upsert(Samples.Fraud());
        _rollouts.Ended(new ObjectKey("risk", "fraud"), RolloutResults.Aborted);
        _rollouts.Ended(new ObjectKey("risk", "fraud"), RolloutResults.Aborted);
        _rollouts.Ended(new ObjectKey("risk", "fraud"), RolloutResults.Completed);

        var exposition = _collector.Scrape();

        exposition.Should()
            .Contain("""modelship_rollouts_total{modeldeployment="fraud",namespace="risk",result="aborted"} 2""")
            .And.Contain("""modelship_rollouts_total{modeldeployment="fraud",namespace="risk",result="completed"} 1""")
            .And.Contain("""modelship_rollouts_total{modeldeployment="fraud",namespace="risk",result="failed"} 0""");
    }

    [Fact]
    public void A_deleted_ModelDeployment_leaves_no_series_and_a_new_one_of_the_same_name_starts_from_0()
    {
        var fraud = Samples.Fraud();
        _cache.Upsert(fraud);
        _rollouts.Ended(new ObjectKey("risk", "fraud"), RolloutResults.Failed);
        _collector.Scrape().Should().Contain("""result="failed"} 1""");

        _cache.Delete(fraud);
        var afterDelete = _collector.Scrape();
        afterDelete.Should().NotContain("modeldeployment=\"fraud\"");

        _cache.Upsert(Samples.Fraud());
        _collector.Scrape().Should().Contain("""modelship_rollouts_total{modeldeployment="fraud",namespace="risk",result="failed"} 0""");
    }

    [Fact]
    public void Without_maxLatencyP99_no_latency_target_series_is_exposed()
    {
        _cache.Upsert(Samples.Fraud());
        _collector.Scrape().Should().NotContain("modelship_modeldeployment_latency_target_seconds");
    }

    public void Dispose()
    {
        _collector.Dispose();
        _metrics.Dispose();
    }
}
