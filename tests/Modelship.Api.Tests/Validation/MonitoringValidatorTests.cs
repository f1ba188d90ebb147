using Modelship.Api.Defaults;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;

namespace Modelship.Api.Tests.Validation;

public class MonitoringValidatorTests
{
    private static readonly DriftMonitoring Drift = new() { Reference = new DriftReference { ConfigMap = new ConfigMapKeyReference { Name = "iris-profile" } } };

    private static ModelDeploymentSpec With(MonitoringSpec monitoring) => Specs.Champion() with { Monitoring = monitoring };

    [Fact]
    public void A_complete_monitoring_spec_is_valid()
    {
        var spec = With(new MonitoringSpec
        {
            StatusInterval = "30s",
            Storage = new MonitoringStorage { PersistentVolumeClaim = "iris-logs" },
            Drift = Drift with { Threshold = 0.1, Metric = DriftMetric.Hellinger, Window = 500, MinSamples = 50 },
            AssociationIdField = "request_id",
            AssociationIdSource = AssociationIdFieldSource.Header,
            Accuracy = new AccuracyMonitoring { Task = AccuracyTask.Regression, Metric = AccuracyMetric.Mae, Threshold = 3.5, Retention = "24h", Window = 200, MaxPredictions = 1000 },
        });
        ModelDeploymentValidator.Validate(spec).Should().BeEmpty();
        ModelDeploymentValidator.Validate(With(new MonitoringSpec { Drift = new DriftMonitoring { Reference = new DriftReference { Uri = "https://models.example.com/iris/profile.json" } } }))
            .Should().BeEmpty();
    }

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "no reference", "spec.monitoring.drift.reference", "exactly one of configMap or uri" },
        { "both references", "spec.monitoring.drift.reference", "exactly one of configMap or uri" },
        { "bad configMap name", "spec.monitoring.drift.reference.configMap.name", "not a valid ConfigMap name" },
        { "bad configMap key", "spec.monitoring.drift.reference.configMap.key", "not a valid ConfigMap key" },
        { "unfetchable uri", "spec.monitoring.drift.reference.uri", "must start with one of" },
        { "zero threshold", "spec.monitoring.drift.threshold", "greater than 0" },
        { "hellinger over 1", "spec.monitoring.drift.threshold", "at most 1 with metric hellinger" },
        { "minSamples over window", "spec.monitoring.drift.minSamples", "must not be greater than window (100)" },
        { "zero window", "spec.monitoring.drift.window", "at least 1" },
        { "accuracy without association id", "spec.monitoring.associationIdField", "is required with spec.monitoring.accuracy" },
        { "regression metric for classification", "spec.monitoring.accuracy.metric", "accuracy, logLoss or auc for task classification" },
        { "classification metric for regression", "spec.monitoring.accuracy.metric", "rmse, mae or mape for task regression" },
        { "accuracy threshold over 1", "spec.monitoring.accuracy.threshold", "between 0 and 1 for metric accuracy" },
        { "negative error threshold", "spec.monitoring.accuracy.threshold", "at least 0" },
        { "bad retention", "spec.monitoring.accuracy.retention", "duration of at least 1s" },
        { "bad status interval", "spec.monitoring.statusInterval", "duration of at least 1s" },
        { "sizeLimit and claim", "spec.monitoring.storage", "not both" },
        { "bad sizeLimit", "spec.monitoring.storage.sizeLimit", "not a quantity" },
        { "bad claim", "spec.monitoring.storage.persistentVolumeClaim", "not a valid PersistentVolumeClaim name" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_monitoring_names_the_field(string name, string field, string problem)
    {
        var accuracy = new AccuracyMonitoring { Task = AccuracyTask.Classification };
        var monitoring = name switch
        {
            "no reference" => new MonitoringSpec { Drift = Drift with { Reference = new DriftReference() } },
            "both references" => new MonitoringSpec { Drift = Drift with { Reference = Drift.Reference with { Uri = "https://x/profile.json" } } },
            "bad configMap name" => new MonitoringSpec { Drift = Drift with { Reference = new DriftReference { ConfigMap = new ConfigMapKeyReference { Name = "Iris_Profile" } } } },
            "bad configMap key" => new MonitoringSpec { Drift = Drift with { Reference = new DriftReference { ConfigMap = new ConfigMapKeyReference { Name = "p", Key = "a/b.json" } } } },
            "unfetchable uri" => new MonitoringSpec { Drift = Drift with { Reference = new DriftReference { Uri = "ftp://host/profile.json" } } },
            "zero threshold" => new MonitoringSpec { Drift = Drift with { Threshold = 0 } },
            "hellinger over 1" => new MonitoringSpec { Drift = Drift with { Metric = DriftMetric.Hellinger, Threshold = 1.5 } },
            "minSamples over window" => new MonitoringSpec { Drift = Drift with { Window = 100, MinSamples = 200 } },
            "zero window" => new MonitoringSpec { Drift = Drift with { Window = 0, MinSamples = 0 } },
            "accuracy without association id" => new MonitoringSpec { Accuracy = accuracy },
            "regression metric for classification" => new MonitoringSpec { AssociationIdField = "id", Accuracy = accuracy with { Metric = AccuracyMetric.Rmse } },
            "classification metric for regression" => new MonitoringSpec { AssociationIdField = "id", Accuracy = new AccuracyMonitoring { Task = AccuracyTask.Regression, Metric = AccuracyMetric.Auc } },
            "accuracy threshold over 1" => new MonitoringSpec { AssociationIdField = "id", Accuracy = accuracy with { Threshold = 80 } },
            "negative error threshold" => new MonitoringSpec { AssociationIdField = "id", Accuracy = new AccuracyMonitoring { Task = AccuracyTask.Regression, Threshold = -1 } },
            "bad retention" => new MonitoringSpec { AssociationIdField = "id", Accuracy = accuracy with { Retention = "a week" } },
            "bad status interval" => new MonitoringSpec { StatusInterval = "0s" },
            "sizeLimit and claim" => new MonitoringSpec { Storage = new MonitoringStorage { SizeLimit = "1Gi", PersistentVolumeClaim = "logs" } },
            "bad sizeLimit" => new MonitoringSpec { Storage = new MonitoringStorage { SizeLimit = "lots" } },
            _ => new MonitoringSpec { Storage = new MonitoringStorage { PersistentVolumeClaim = "Logs!" } },
        };

        var errors = ModelDeploymentValidator.Validate(With(monitoring));

        errors.Should().Contain(e => e.Field == field, $"'{name}' must be reported on {field}; got: {string.Join(" | ", errors)}");
        errors.First(e => e.Field == field).Message.Should().StartWith(field + ": ").And.Contain(problem);
    }

    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        EffectiveMonitoring.StatusInterval(new MonitoringSpec()).Should().Be(TimeSpan.FromSeconds(60));
        EffectiveMonitoring.InferenceLogSizeLimit(null).Should().Be("384Mi");
        EffectiveMonitoring.DriftThreshold(Drift).Should().Be(0.2);
        EffectiveMonitoring.DriftMetric(Drift).Should().Be(DriftMetric.Psi);
        EffectiveMonitoring.ReferenceKey(Drift.Reference.ConfigMap!).Should().Be("profile.json");
        EffectiveMonitoring.AccuracyMetric(new AccuracyMonitoring { Task = AccuracyTask.Classification }).Should().Be(AccuracyMetric.Accuracy);
        EffectiveMonitoring.AccuracyMetric(new AccuracyMonitoring { Task = AccuracyTask.Regression }).Should().Be(AccuracyMetric.Rmse);
        EffectiveMonitoring.AccuracyRetention(new AccuracyMonitoring { Task = AccuracyTask.Regression }).Should().Be(TimeSpan.FromHours(168));
        EffectiveMonitoring.AssociationIdSource(new MonitoringSpec()).Should().Be(AssociationIdFieldSource.Parameter);
    }

    [Fact]
    public void A_pipeline_storage_is_checked_the_same_way()
    {
        var pipeline = Pipelines.PipelineSpecs.EveryKind() with { Monitoring = new PipelineMonitoringSpec { Storage = new MonitoringStorage { SizeLimit = "1Gi", PersistentVolumeClaim = "logs" } } };
        PipelineValidator.Validate(pipeline).Should().Contain(e => e.Field == "spec.monitoring.storage");
    }
}
