using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.RefreshSchedule;
using Modelship.Registry;
using Modelship.Registry.Selection;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Tests.RefreshSchedule;

/// <summary>What a run does with the versions a source listed, the target's champion and the recorded metrics.</summary>
public class RefreshRunDecisionsTests
{
    private static readonly ModelSpec Champion = new() { Uri = "file:///models/iris/1.0.0", Version = "1.0.0" };

    private static ModelVersion Version(string name, double? accuracy = null, string? uri = null, string? sha256 = null, double? rmse = null)
    {
        var metrics = new Dictionary<string, double>();
        if (accuracy is { } a)
        {
            metrics["accuracy"] = a;
        }
        if (rmse is { } r)
        {
            metrics["rmse"] = r;
        }
        return new ModelVersion(name, uri ?? $"/models/iris/{name}", sha256, DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), metrics, ModelVersion.NoAliases);
    }

    private static RefreshPromotedVersion Recorded(string version, double accuracy, double? rmse = null) => new()
    {
        Version = version,
        Uri = $"file:///models/iris/{version}",
        PromotedAt = DateTimeOffset.UnixEpoch,
        Metrics = rmse is { } r ? new Dictionary<string, double> { ["accuracy"] = accuracy, ["rmse"] = r } : new Dictionary<string, double> { ["accuracy"] = accuracy },
    };

    private static RefreshPromotion Checks(params RefreshMetricComparison[] checks) => new() { MetricCheck = new RefreshMetricCheck { Checks = checks } };

    private static RefreshRunDecision Decide(IReadOnlyList<ModelVersion> versions, RefreshPromotedVersion? promoted = null, RefreshPromotion? promotion = null, RefreshSelection? selection = null) =>
        RefreshRunDecisions.Decide(versions, VersionSelection.Select(versions, RefreshRunDecisions.Criteria(selection ?? new RefreshSelection { Strategy = RefreshSelectionStrategy.SemVer })), Champion, promoted, promotion);

    [Fact]
    public void A_newer_version_without_checks_is_promoted_as_a_file_uri()
    {
        var decision = Decide([Version("1.0.0"), Version("1.1.0", sha256: "ABCDEF")]);
        decision.Result.Should().Be(RefreshRunResult.Promoted);
        decision.Model.Should().Be(new ModelSpec { Uri = "file:///models/iris/1.1.0", Version = "1.1.0", Sha256 = "abcdef" });
        decision.Message.Should().Be("version 1.1.0 replaces 1.0.0: no metric checks");
    }

    [Fact]
    public void The_champion_itself_is_no_new_version()
    {
        var decision = Decide([Version("0.9.0"), Version("1.0.0")]);
        decision.Result.Should().Be(RefreshRunResult.NoNewVersion);
        decision.Candidate!.Version.Should().Be("1.0.0");
        decision.Model.Should().BeNull();
    }

    [Fact]
    public void The_champion_uri_under_another_name_is_no_new_version()
    {
        var decision = Decide([Version("2.0.0", uri: "file:///models/iris/1.0.0")]);
        decision.Result.Should().Be(RefreshRunResult.NoNewVersion);
    }

    [Fact]
    public void An_empty_source_is_no_new_version_and_an_unselectable_one_fails()
    {
        Decide([]).Should().BeEquivalentTo(new { Result = RefreshRunResult.NoNewVersion, Message = "the source lists no versions" });
        var failed = Decide([Version("latest")]);
        failed.Result.Should().Be(RefreshRunResult.Failed);
        failed.Message.Should().StartWith("no version selected: no version is a semantic version");
    }

    [Fact]
    public void A_worse_candidate_is_rejected_with_every_check()
    {
        var decision = Decide(
            [Version("1.1.0", accuracy: 0.80, rmse: 0.30)],
            Recorded("1.0.0", 0.90, rmse: 0.35),
            Checks(
                new RefreshMetricComparison { Metric = "accuracy", MaxRegression = 0.02 },
                new RefreshMetricComparison { Metric = "rmse", MaxRegression = 0, LowerIsBetter = true }));
        decision.Result.Should().Be(RefreshRunResult.Rejected);
        decision.Model.Should().BeNull();
        decision.Checks.Select(c => (c.Name, c.Champion, c.Candidate, c.Verdict)).Should().Equal(
            ("accuracy", 0.90, 0.80, RefreshCheckVerdict.Failed),
            ("rmse", 0.35, 0.30, RefreshCheckVerdict.Passed));
        decision.Message.Should().Be("version 1.1.0 rejected, the champion 1.0.0 stays: accuracy: 0.8 vs champion 0.9, regression 0.1 exceeds the allowed 0.02");
    }

    [Theory]
    [InlineData(0.89, 0.02, false, RefreshCheckVerdict.Passed)]
    [InlineData(0.88, 0.02, false, RefreshCheckVerdict.Passed)]
    [InlineData(0.87, 0.02, false, RefreshCheckVerdict.Failed)]
    [InlineData(0.95, 0, false, RefreshCheckVerdict.Passed)]
    [InlineData(0.90, 0, false, RefreshCheckVerdict.Passed)]
    [InlineData(0.882, 0.02, true, RefreshCheckVerdict.Passed)]
    [InlineData(0.881, 0.02, true, RefreshCheckVerdict.Failed)]
    public void Regression_is_absolute_or_relative_to_the_champion(double candidate, double maxRegression, bool relative, RefreshCheckVerdict verdict)
    {
        var check = RefreshRunDecisions.Check(
            new RefreshMetricComparison { Metric = "accuracy", MaxRegression = maxRegression, Relative = relative },
            "1.0.0",
            new Dictionary<string, double> { ["accuracy"] = 0.90 },
            Version("1.1.0", accuracy: candidate));
        check.Verdict.Should().Be(verdict);
    }

    [Fact]
    public void Lower_is_better_metrics_regress_upwards()
    {
        var champion = new Dictionary<string, double> { ["rmse"] = 0.30 };
        var check = new RefreshMetricComparison { Metric = "rmse", MaxRegression = 0.01, LowerIsBetter = true };
        RefreshRunDecisions.Check(check, "1.0.0", champion, Version("1.1.0", rmse: 0.305)).Verdict.Should().Be(RefreshCheckVerdict.Passed);
        RefreshRunDecisions.Check(check, "1.0.0", champion, Version("1.1.0", rmse: 0.32)).Verdict.Should().Be(RefreshCheckVerdict.Failed);
    }

    [Fact]
    public void Without_recorded_champion_metrics_the_checks_pass_with_a_note()
    {
        var decision = Decide([Version("1.1.0", accuracy: 0.5)], promoted: null, Checks(new RefreshMetricComparison { Metric = "accuracy", MaxRegression = 0 }));
        decision.Result.Should().Be(RefreshRunResult.Promoted);
        decision.Checks.Single().Should().BeEquivalentTo(new RefreshCheckResult { Name = "accuracy", Candidate = 0.5, Verdict = RefreshCheckVerdict.NoBaseline, Message = "accuracy: no value recorded for the champion 1.0.0; passes" });
        decision.Message.Should().Contain("no metrics recorded for the champion 1.0.0");
    }

    [Fact]
    public void Metrics_recorded_for_another_version_are_no_baseline()
    {
        // Someone changed the champion by hand since this schedule promoted 0.9.0.
        var decision = Decide([Version("1.1.0", accuracy: 0.5)], Recorded("0.9.0", 0.99), Checks(new RefreshMetricComparison { Metric = "accuracy", MaxRegression = 0 }));
        decision.Result.Should().Be(RefreshRunResult.Promoted);
        decision.Checks.Single().Verdict.Should().Be(RefreshCheckVerdict.NoBaseline);
    }

    [Fact]
    public void A_candidate_without_the_metric_fails_the_check()
    {
        var decision = Decide([Version("1.1.0")], Recorded("1.0.0", 0.9), Checks(new RefreshMetricComparison { Metric = "accuracy", MaxRegression = 0.5 }));
        decision.Result.Should().Be(RefreshRunResult.Rejected);
        decision.Checks.Single().Message.Should().Be("accuracy: the registry reports no value for version 1.1.0");
    }

    [Fact]
    public void Skip_promotes_without_comparing()
    {
        var promotion = new RefreshPromotion { MetricCheck = new RefreshMetricCheck { Skip = true, Checks = [new RefreshMetricComparison { Metric = "accuracy", MaxRegression = 0 }] } };
        var decision = Decide([Version("1.1.0", accuracy: 0.1)], Recorded("1.0.0", 0.9), promotion);
        decision.Result.Should().Be(RefreshRunResult.Promoted);
        decision.Checks.Should().BeEmpty();
    }

    [Fact]
    public void A_version_name_a_modeldeployment_cannot_carry_fails()
    {
        var decision = Decide([Version("rc 1")], selection: new RefreshSelection());
        decision.Result.Should().Be(RefreshRunResult.Failed);
        decision.Message.Should().Contain("cannot name a ModelDeployment version");
    }

    [Theory]
    [InlineData("/models/a b/m.onnx", "file:///models/a%20b/m.onnx")]
    [InlineData("s3://bucket/m.onnx", "s3://bucket/m.onnx")]
    [InlineData("https://host/m.onnx", "https://host/m.onnx")]
    [InlineData("ftp://host/m.onnx", null)]
    [InlineData("models/m.onnx", null)]
    public void Source_uris_become_model_uris(string uri, string? expected)
    {
        RefreshRunDecisions.ModelUri(uri).Should().Be(expected);
    }

    [Fact]
    public void Forbid_skips_while_the_target_rolls_out_and_replace_does_not()
    {
        var rolling = new MD
        {
            Metadata = new V1ObjectMeta { Name = "iris" },
            Spec = new ModelDeploymentSpec { Model = Champion },
            Status = new ModelDeploymentStatus { PendingModel = new ModelVersionStatus { Version = "1.1.0", Uri = "file:///m" } },
        };
        RefreshRunDecisions.SkipForRolloutInProgress(null, rolling).Should().Be("ModelDeployment iris is still rolling out version 1.1.0; concurrencyPolicy Forbid skips this run");
        RefreshRunDecisions.SkipForRolloutInProgress(RefreshConcurrencyPolicy.Replace, rolling).Should().BeNull();
    }

    [Fact]
    public void Selection_maps_onto_the_registry_criteria()
    {
        RefreshRunDecisions.Criteria(null).Should().Be(new VersionSelectionCriteria(SelectionStrategy.NewestCreated, null, null, false));
        RefreshRunDecisions.Criteria(new RefreshSelection { Strategy = RefreshSelectionStrategy.Alias, Alias = "champion", VersionPattern = "^v" })
            .Should().Be(new VersionSelectionCriteria(SelectionStrategy.Alias, "champion", "^v", false));
        RefreshRunDecisions.Criteria(new RefreshSelection { Strategy = RefreshSelectionStrategy.SemVer, IncludePrerelease = true })
            .Should().Be(new VersionSelectionCriteria(SelectionStrategy.HighestSemanticVersion, null, null, true));
    }
}
