using Modelship.Api.Conditions;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Monitoring;
using static Modelship.Operator.Tests.ModelDeployment.Monitoring.MonitoringReports;

namespace Modelship.Operator.Tests.ModelDeployment.Monitoring;

public sealed class MonitoringStatusTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly DriftMonitoring DriftSpec = new() { Reference = new DriftReference { Uri = "https://m/profile.json" }, Threshold = 0.2, MinSamples = 100 };
    private static readonly MonitoringSpec Spec = new()
    {
        Drift = DriftSpec,
        AssociationIdField = "id",
        Accuracy = new AccuracyMonitoring { Task = AccuracyTask.Classification, Threshold = 0.8 },
    };

    private static MonitoringReport Merged(params VersionDrift[] drift) =>
        Report(0, drift) with { ServiceStats = [Stats("v2", "shadow", 10, 0, 0.02), Stats("v1", "champion", 10, 1, 0.05)], Accuracy = [Accuracy("v1", 50, "accuracy", 0.9)] };

    [Fact]
    public void Drift_above_the_threshold_with_enough_samples_names_the_worst_feature()
    {
        var condition = MonitoringConditions.Drifting([Drift("v1", 500, ("sepal", 0.05, 0.1), ("petal", 0.83, 0.4)), Drift("v2", 500, ("petal", 0.3, 0.2))], DriftSpec, T0);

        condition.Should().Match<Condition>(c => c.Type == ConditionTypes.Drifting && c.Status == ConditionStatus.True && c.Reason == MonitoringConditions.DriftAboveThreshold);
        condition.Message.Should().Be("version v1: feature petal psi 0.83 above threshold 0.2 over 500 requests");
    }

    [Fact]
    public void Drift_is_judged_on_the_chosen_metric_and_only_with_enough_samples()
    {
        var hellinger = DriftSpec with { Metric = DriftMetric.Hellinger, Threshold = 0.5 };
        MonitoringConditions.Drifting([Drift("v1", 500, ("petal", 0.83, 0.4))], hellinger, T0)
            .Should().Match<Condition>(c => c.Status == ConditionStatus.False && c.Reason == MonitoringConditions.DriftWithinThreshold && c.Message!.Contains("hellinger 0.4"));
        MonitoringConditions.Drifting([Drift("v1", 99, ("petal", 9, 1))], DriftSpec, T0)
            .Should().Match<Condition>(c => c.Status == ConditionStatus.False && c.Reason == MonitoringConditions.NotEnoughSamples && c.Message!.Contains("fewer than 100"));
        MonitoringConditions.Drifting([], DriftSpec, T0).Status.Should().Be(ConditionStatus.Unknown);
        var prediction = Drift("v1", 500) with { Predictions = [new FeatureDrift { Name = "label", Psi = 0.6 }] };
        MonitoringConditions.Drifting([prediction], DriftSpec, T0).Message.Should().StartWith("version v1: prediction label psi 0.6");
    }

    [Fact]
    public void Accuracy_is_judged_in_the_direction_of_its_metric()
    {
        var classification = new AccuracyMonitoring { Task = AccuracyTask.Classification, Threshold = 0.8 };
        MonitoringConditions.AccuracyDegraded([Accuracy("v1", 200, "accuracy", 0.92), Accuracy("v2", 100, "accuracy", 0.71)], classification, T0)
            .Should().Match<Condition>(c => c.Status == ConditionStatus.True && c.Reason == MonitoringConditions.AccuracyBelowThreshold
                && c.Message == "version v2: accuracy 0.71 over 100 actuals, below threshold 0.8");
        var regression = new AccuracyMonitoring { Task = AccuracyTask.Regression, Metric = AccuracyMetric.Mae, Threshold = 2 };
        MonitoringConditions.AccuracyDegraded([Accuracy("v1", 200, "mae", 2.5)], regression, T0)
            .Should().Match<Condition>(c => c.Status == ConditionStatus.True && c.Reason == MonitoringConditions.ErrorAboveThreshold);
        MonitoringConditions.AccuracyDegraded([Accuracy("v1", 200, "mae", 1.5)], regression, T0).Status.Should().Be(ConditionStatus.False);
        MonitoringConditions.AccuracyDegraded([Accuracy("v1", 200, "mae", 9)], regression with { Threshold = null }, T0)
            .Should().Match<Condition>(c => c.Status == ConditionStatus.False && c.Reason == MonitoringConditions.NoThreshold);
        MonitoringConditions.AccuracyDegraded([Accuracy("v1", 200, "rmse", 9)], regression, T0).Status.Should().Be(ConditionStatus.Unknown);
    }

    [Fact]
    public void Status_is_bounded_ordered_and_keeps_updatedAt_while_nothing_changes()
    {
        var features = Enumerable.Range(0, 12).Select(i => ($"f{i}", i / 10.0, i / 100.0)).ToArray();
        var first = MonitoringStatus.Build(Spec, Merged(Drift("v1", 500, features)), 7, null, T0);

        first.ServiceStats!.Versions!.Select(v => v.Role).Should().Equal("champion", "shadow");
        first.ServiceStats.UpdatedAt.Should().Be(T0);
        first.Drift!.Versions!.Single().Features!.Select(f => f.Name).Should().Equal("f11", "f10", "f9", "f8", "f7");
        first.Drift.Versions![0].Drifting.Should().BeTrue();
        first.Accuracy!.ActualsReceived.Should().Be(7);
        first.Accuracy.Versions!.Single().Metrics.Should().ContainKey("accuracy");

        var previous = new ModelDeploymentStatus { ServiceStats = first.ServiceStats, Drift = first.Drift, Accuracy = first.Accuracy };
        var same = MonitoringStatus.Build(Spec, Merged(Drift("v1", 500, features)), 7, previous, T0.AddMinutes(1));
        same.ServiceStats!.UpdatedAt.Should().Be(T0);
        same.Drift!.UpdatedAt.Should().Be(T0);
        same.Accuracy!.UpdatedAt.Should().Be(T0);

        var more = MonitoringStatus.Build(Spec, Merged(Drift("v1", 500, features)), 9, previous, T0.AddMinutes(1));
        more.Accuracy!.UpdatedAt.Should().Be(T0.AddMinutes(1));
        more.ServiceStats!.UpdatedAt.Should().Be(T0);
    }

    [Fact]
    public void Without_drift_or_accuracy_in_the_spec_their_parts_and_conditions_are_absent()
    {
        var parts = MonitoringStatus.Build(new MonitoringSpec(), Merged(Drift("v1", 500, ("x", 9, 1))), 3, null, T0);
        parts.Should().Match<MonitoringStatusParts>(p => p.ServiceStats != null && p.Drift == null && p.Accuracy == null && p.Drifting == null && p.AccuracyDegraded == null);
    }

    [Fact]
    public void Drifting_turning_true_is_a_warning_and_its_recovery_a_normal_event()
    {
        static ModelDeploymentStatus With(Condition? c) => new() { Conditions = c is null ? [] : [c] };
        var drifting = MonitoringConditions.Drifting([Drift("v1", 500, ("petal", 0.83, 0.4))], DriftSpec, T0);
        var calm = MonitoringConditions.Drifting([Drift("v1", 500, ("petal", 0.01, 0.01))], DriftSpec, T0);
        var unknown = MonitoringConditions.Drifting([], DriftSpec, T0);

        StatusTransitions.Events(With(calm), With(drifting)).Should().ContainSingle()
            .Which.Should().Match<TransitionEvent>(e => e.Type == Kubernetes.Events.EventType.Warning && e.Reason == MonitoringConditions.DriftAboveThreshold && e.Message.Contains("petal"));
        StatusTransitions.Events(With(drifting), With(drifting with { Message = "version v1: feature petal psi 0.9 above threshold 0.2 over 500 requests" })).Should().BeEmpty();
        StatusTransitions.Events(With(drifting), With(calm)).Should().ContainSingle()
            .Which.Should().Match<TransitionEvent>(e => e.Type == Kubernetes.Events.EventType.Normal && e.Reason == "DriftResolved");
        StatusTransitions.Events(With(drifting), With(unknown)).Should().BeEmpty("routers that do not answer are no recovery");
        StatusTransitions.Events(null, With(calm)).Should().BeEmpty();
    }
}
