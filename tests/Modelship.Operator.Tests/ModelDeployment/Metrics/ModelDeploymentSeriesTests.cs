using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Metrics;
using Modelship.Operator.Tests.ModelDeployment.Builders;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Tests.ModelDeployment.Metrics;

public sealed class ModelDeploymentSeriesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_condition_type_has_a_series_per_status_with_1_on_the_status_it_has()
    {
        var deployment = WithStatus(new ModelDeploymentStatus
        {
            Conditions =
            [
                Condition(ConditionTypes.Ready, ConditionStatus.True),
                Condition(ConditionTypes.Degraded, ConditionStatus.False),
            ],
        });

        var series = ModelDeploymentSeries.Conditions(deployment).ToList();

        series.Should().HaveCount(ConditionTypes.All.Count * 3);
        series.Where(s => s.Value == 1).Should().BeEquivalentTo(new[]
        {
            new ConditionSeries(ConditionTypes.Ready, "True", 1),
            new ConditionSeries(ConditionTypes.Progressing, "Unknown", 1),
            new ConditionSeries(ConditionTypes.Degraded, "False", 1),
            new ConditionSeries(ConditionTypes.Suspended, "Unknown", 1),
        });
    }

    [Fact]
    public void A_ModelDeployment_without_status_reports_every_condition_Unknown() =>
        ModelDeploymentSeries.Conditions(Samples.Fraud()).Where(s => s.Value == 1).Select(s => s.Status)
            .Should().Equal(Enumerable.Repeat("Unknown", ConditionTypes.All.Count));

    [Theory]
    [InlineData("250ms", 0.25)]
    [InlineData("1s", 1.0)]
    [InlineData("1m30s", 90.0)]
    public void The_latency_target_is_maxLatencyP99_in_seconds(string declared, double seconds) =>
        ModelDeploymentSeries.LatencyTargetSeconds(Samples.Fraud(s => s with { Rollout = new RolloutSpec { Analysis = new RolloutAnalysis { MaxLatencyP99 = declared } } }))
            .Should().BeApproximately(seconds, 1e-9);

    [Fact]
    public void Without_maxLatencyP99_there_is_no_latency_target()
    {
        ModelDeploymentSeries.LatencyTargetSeconds(Samples.Fraud()).Should().BeNull();
        ModelDeploymentSeries.LatencyTargetSeconds(Samples.Fraud(s => s with { Rollout = new RolloutSpec { Analysis = new RolloutAnalysis { MaxErrorRate = 0.1 } } }))
            .Should().BeNull();
    }

    [Fact]
    public void Traffic_ratios_are_status_traffic_weights_over_100() =>
        ModelDeploymentSeries.Traffic(WithStatus(new ModelDeploymentStatus
        {
            Traffic =
            [
                new TrafficBackendStatus { Name = "champion", Version = "v1", Role = TrafficRole.Champion, Weight = 75 },
                new TrafficBackendStatus { Name = "canary", Version = "v2", Role = TrafficRole.Canary, Weight = 25 },
                new TrafficBackendStatus { Name = "mirror", Version = "v3", Role = TrafficRole.Shadow, Weight = 0 },
            ],
        })).Should().Equal(
            new TrafficSeries("v1", "champion", 0.75),
            new TrafficSeries("v2", "canary", 0.25),
            new TrafficSeries("v3", "shadow", 0));

    private static MD WithStatus(ModelDeploymentStatus status)
    {
        var deployment = Samples.Fraud();
        deployment.Status = status;
        return deployment;
    }

    private static Condition Condition(string type, ConditionStatus status) =>
        new() { Type = type, Status = status, Reason = "Test", LastTransitionTime = Now };
}
