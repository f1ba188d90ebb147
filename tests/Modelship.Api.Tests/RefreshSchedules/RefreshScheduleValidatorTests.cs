using Modelship.Api.Scheduling;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;

namespace Modelship.Api.Tests.RefreshSchedules;

public class RefreshScheduleValidatorTests
{
    private static RefreshScheduleSpec Valid() => new()
    {
        Schedule = "0 3 * * *",
        TimeZone = "Europe/Berlin",
        Target = new RefreshTarget { ModelDeployment = "iris" },
        Source = new RefreshSource { Directory = new DirectoryVersionSourceSpec { Path = "/models/iris" } },
        Selection = new RefreshSelection { Strategy = RefreshSelectionStrategy.SemVer, VersionPattern = @"^\d+\.\d+\.\d+$" },
        Promotion = new RefreshPromotion
        {
            MetricCheck = new RefreshMetricCheck { Checks = [new RefreshMetricComparison { Metric = "accuracy", MaxRegression = 0.01 }] },
        },
    };

    public static TheoryData<string> ValidSpecs => new() { "directory", "macro", "no time zone", "http with token", "mlflow by alias", "s3 with credentials" };

    [Theory]
    [MemberData(nameof(ValidSpecs))]
    public void Valid_specs_have_no_errors(string name)
    {
        var spec = name switch
        {
            "directory" => Valid(),
            "macro" => Valid() with { Schedule = "@hourly" },
            "no time zone" => Valid() with { TimeZone = null },
            "http with token" => Valid() with { Source = new RefreshSource { Http = new HttpIndexVersionSourceSpec { Url = "https://models.example.com/index.json", BearerTokenSecretRef = new SecretKeyReference { Name = "index-token" } } } },
            "mlflow by alias" => Valid() with
            {
                Source = new RefreshSource { Mlflow = new MlflowVersionSourceSpec { TrackingUri = "http://mlflow:5000", ModelName = "churn" } },
                Selection = new RefreshSelection { Strategy = RefreshSelectionStrategy.Alias, Alias = "champion" },
            },
            _ => Valid() with { Source = new RefreshSource { S3 = new S3VersionSourceSpec { Bucket = "models", Prefix = "churn/", Endpoint = "http://minio:9000", CredentialsSecretRef = new S3CredentialsSecretReference { Name = "s3" } } } },
        };
        RefreshScheduleValidator.Validate(spec, _ => true).Should().BeEmpty();
    }

    [Fact]
    public void Canary_and_ShadowFirst_promotions_with_traffic_checks_are_valid()
    {
        RefreshScheduleValidator.Validate(Valid() with { Promotion = Traffic(RefreshPromotionStrategy.ShadowFirst, RefreshTrafficMetric.ShadowAgreement) with { Window = "1m30s" } }, _ => true)
            .Should().BeEmpty();
        RefreshScheduleValidator.Validate(Valid() with { Promotion = Traffic(RefreshPromotionStrategy.Canary, RefreshTrafficMetric.LatencyP99) }, _ => true)
            .Should().BeEmpty();
    }

    private static RefreshPromotion Traffic(RefreshPromotionStrategy strategy, string metric) => new()
    {
        Strategy = strategy,
        MetricCheck = new RefreshMetricCheck { Checks = [new RefreshMetricComparison { Metric = metric, MaxRegression = 0.01, Source = RefreshMetricSource.Traffic }] },
    };

    public static TheoryData<string, string, string> InvalidSpecs => new()
    {
        { "bad cron", "spec.schedule", "is not a cron expression" },
        { "six fields", "spec.schedule", "is not a cron expression" },
        { "unknown time zone", "spec.timeZone", "\"Mars/Olympus\" is not a known IANA time zone" },
        { "no source", "spec.source", "has no source; set exactly one of directory, http, mlflow or s3" },
        { "two sources", "spec.source", "sets directory and http; set exactly one" },
        { "bad pattern", "spec.selection.versionPattern", "is not a valid regular expression" },
        { "alias without name", "spec.selection.alias", "is required with strategy Alias" },
        { "alias with newest", "spec.selection.alias", "is only used with strategy Alias, not Newest" },
        { "relative directory", "spec.source.directory.path", "must be an absolute path" },
        { "extension without dot", "spec.source.directory.extensions", "must start with a dot" },
        { "unknown target", "spec.target.modelDeployment", "ModelDeployment \"iris\" does not exist in this namespace" },
        { "bad target name", "spec.target.modelDeployment", "is not a valid object name" },
        { "bad window", "spec.promotion.window", "\"soon\" is not a positive duration" },
        { "traffic check with Replace", "spec.promotion.metricCheck.checks[0].source", "Traffic checks are measured during a trial" },
        { "unknown traffic metric", "spec.promotion.metricCheck.checks[0].metric", "\"accuracy\" is not a Traffic metric; use one of errorRate, latencyP99, shadowAgreement" },
        { "agreement without shadow", "spec.promotion.metricCheck.checks[0].metric", "shadowAgreement is measured while the candidate runs as a shadow" },
        { "duplicate metric", "spec.promotion.metricCheck.checks[1].metric", "\"accuracy\" is also checked by spec.promotion.metricCheck.checks[0]" },
        { "negative regression", "spec.promotion.metricCheck.checks[0].maxRegression", "must be a number of at least 0" },
        { "negative deadline", "spec.startingDeadlineSeconds", "must not be negative" },
        { "history limit too high", "spec.failedRunsHistoryLimit", "must be between 0 and 100" },
        { "ftp index", "spec.source.http.url", "must be an absolute http or https URL" },
        { "empty token key", "spec.source.http.bearerTokenSecretRef.key", "must not be empty" },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void Invalid_specs_name_the_field_and_say_why(string name, string field, string message)
    {
        var spec = name switch
        {
            "bad cron" => Valid() with { Schedule = "every day" },
            "six fields" => Valid() with { Schedule = "0 0 3 * * *" },
            "unknown time zone" => Valid() with { TimeZone = "Mars/Olympus" },
            "no source" => Valid() with { Source = new RefreshSource() },
            "two sources" => Valid() with { Source = new RefreshSource { Directory = new DirectoryVersionSourceSpec { Path = "/m" }, Http = new HttpIndexVersionSourceSpec { Url = "http://index" } } },
            "bad pattern" => Valid() with { Selection = new RefreshSelection { VersionPattern = "v(1" } },
            "alias without name" => Valid() with { Selection = new RefreshSelection { Strategy = RefreshSelectionStrategy.Alias } },
            "alias with newest" => Valid() with { Selection = new RefreshSelection { Alias = "champion" } },
            "relative directory" => Valid() with { Source = new RefreshSource { Directory = new DirectoryVersionSourceSpec { Path = "models/iris" } } },
            "extension without dot" => Valid() with { Source = new RefreshSource { Directory = new DirectoryVersionSourceSpec { Path = "/m", Extensions = ["onnx"] } } },
            "unknown target" => Valid(),
            "bad target name" => Valid() with { Target = new RefreshTarget { ModelDeployment = "Iris_Model" } },
            "bad window" => Valid() with { Promotion = new RefreshPromotion { Strategy = RefreshPromotionStrategy.Canary, Window = "soon" } },
            "traffic check with Replace" => Valid() with { Promotion = Traffic(RefreshPromotionStrategy.Replace, RefreshTrafficMetric.ErrorRate) },
            "unknown traffic metric" => Valid() with { Promotion = Traffic(RefreshPromotionStrategy.Canary, "accuracy") },
            "agreement without shadow" => Valid() with { Promotion = Traffic(RefreshPromotionStrategy.Canary, RefreshTrafficMetric.ShadowAgreement) },
            "duplicate metric" => Valid() with
            {
                Promotion = new RefreshPromotion
                {
                    MetricCheck = new RefreshMetricCheck
                    {
                        Checks = [new RefreshMetricComparison { Metric = "accuracy", MaxRegression = 0 }, new RefreshMetricComparison { Metric = "accuracy", MaxRegression = 0.1 }],
                    },
                },
            },
            "negative regression" => Valid() with { Promotion = new RefreshPromotion { MetricCheck = new RefreshMetricCheck { Checks = [new RefreshMetricComparison { Metric = "auc", MaxRegression = -1 }] } } },
            "negative deadline" => Valid() with { StartingDeadlineSeconds = -5 },
            "history limit too high" => Valid() with { FailedRunsHistoryLimit = 101 },
            "ftp index" => Valid() with { Source = new RefreshSource { Http = new HttpIndexVersionSourceSpec { Url = "ftp://index" } } },
            _ => Valid() with { Source = new RefreshSource { Http = new HttpIndexVersionSourceSpec { Url = "http://index", BearerTokenSecretRef = new SecretKeyReference { Name = "t", Key = "" } } } },
        };
        var errors = RefreshScheduleValidator.Validate(spec, target => name != "unknown target");
        errors.Should().ContainSingle();
        errors[0].Field.Should().Be(field);
        errors[0].Message.Should().StartWith(field + ": ").And.Contain(message);
    }

    [Fact]
    public void Without_a_lookup_the_target_is_not_checked()
    {
        RefreshScheduleValidator.Validate(Valid()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("@daily")]
    [InlineData("@weekly")]
    [InlineData("@monthly")]
    [InlineData("@yearly")]
    [InlineData("*/15 9-17 * * MON-FRI")]
    public void Cron_macros_and_ranges_parse(string expression)
    {
        CronSchedule.TryParse(expression, "America/New_York", out var parsed, out var scheduleError, out var zoneError).Should().BeTrue();
        scheduleError.Should().BeNull();
        zoneError.Should().BeNull();
        parsed!.TimeZone.Id.Should().Be("America/New_York");
    }
}
