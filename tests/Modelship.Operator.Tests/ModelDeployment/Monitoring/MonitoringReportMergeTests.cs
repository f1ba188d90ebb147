using Modelship.Api.Routing;
using Modelship.Operator.Controllers.ModelDeployment.Monitoring;
using static Modelship.Operator.Tests.ModelDeployment.Monitoring.MonitoringReports;

namespace Modelship.Operator.Tests.ModelDeployment.Monitoring;

public sealed class MonitoringReportMergeTests
{
    [Fact]
    public void Counts_add_and_percentiles_and_agreement_are_the_worst_pods()
    {
        var a = Report() with { ServiceStats = [Stats("v1", "champion", 100, 2, 0.040), Stats("v2", "shadow", 100, 0, 0.020, agreement: 0.95)] };
        var b = Report() with { ServiceStats = [Stats("v1", "champion", 300, 1, 0.090), Stats("v2", "shadow", 300, 0, 0.010, agreement: 0.80)] };

        var merged = MonitoringReportMerge.Merge([a, b], minDriftSamples: 100);

        var champion = merged.ServiceStats.Single(s => s.Version == "v1");
        champion.Windows.Select(w => w.Window).Should().Equal("1m", "1h");
        champion.Windows[0].Should().BeEquivalentTo(new WindowStats
        {
            Window = "1m",
            Requests = 400,
            Errors = 3,
            ErrorRate = 3.0 / 400,
            LatencyP50Seconds = 0.0225,
            LatencyP90Seconds = 0.045,
            LatencyP99Seconds = 0.090,
            CheckFailures = 2,
        });
        champion.Windows[1].Requests.Should().Be(24_000);
        merged.ServiceStats.Single(s => s.Version == "v2").Windows[0].ShadowAgreement.Should().Be(0.80);
    }

    [Fact]
    public void Drift_is_the_worst_pod_with_enough_samples_per_feature()
    {
        var warm = Report(0, Drift("v1", 800, ("x[0]", 0.30, 0.10), ("x[1]", 0.01, 0.02)));
        var hot = Report(0, Drift("v1", 900, ("x[0]", 0.10, 0.25), ("x[1]", 0.05, 0.01)));
        var cold = Report(0, Drift("v1", 5, ("x[0]", 4.00, 0.90)));

        var merged = MonitoringReportMerge.Merge([warm, hot, cold], minDriftSamples: 100);

        var v1 = merged.Drift.Should().ContainSingle().Which;
        v1.Samples.Should().Be(900);
        v1.Features.Single(f => f.Name == "x[0]").Should().Match<FeatureDrift>(f => f.Psi == 0.30 && f.Hellinger == 0.25, "a Pod with 5 requests does not count while others have enough");
        v1.Features.Single(f => f.Name == "x[1]").Psi.Should().Be(0.05);

        MonitoringReportMerge.Merge([cold], minDriftSamples: 100).Drift[0].Features[0].Psi.Should().Be(4.00, "without a Pod that has enough, what there is is reported");
    }

    [Fact]
    public void Accuracy_keeps_the_worst_metric_in_its_direction_and_adds_actuals()
    {
        var a = Report() with { Accuracy = [Accuracy("v1", 40, "accuracy", 0.9) with { Metrics = new Dictionary<string, double> { ["accuracy"] = 0.9, ["logLoss"] = 0.3 } }] };
        var b = Report() with { Accuracy = [Accuracy("v1", 60, "accuracy", 0.7) with { Metrics = new Dictionary<string, double> { ["accuracy"] = 0.7, ["logLoss"] = 0.2, ["auc"] = double.NaN } }] };

        var v1 = MonitoringReportMerge.Merge([a, b], 100).Accuracy.Should().ContainSingle().Which;

        v1.Actuals.Should().Be(100);
        v1.Metrics.Should().BeEquivalentTo(new Dictionary<string, double> { ["accuracy"] = 0.7, ["logLoss"] = 0.3 }, "NaN is no figure");
    }

    [Fact]
    public void No_reports_merge_to_an_empty_report()
    {
        var merged = MonitoringReportMerge.Merge([], 100);
        merged.ServiceStats.Should().BeEmpty();
        merged.Drift.Should().BeEmpty();
        merged.Accuracy.Should().BeEmpty();
    }
}
