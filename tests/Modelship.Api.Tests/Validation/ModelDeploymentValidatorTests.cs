using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;

namespace Modelship.Api.Tests.Validation;

public class ModelDeploymentValidatorTests
{
    public static TheoryData<string> ValidSpecs => new() { "champion only", "full", "custom runtime", "named runtime", "custom format for an auto-selected runtime", "http model", "file model" };

    [Theory]
    [MemberData(nameof(ValidSpecs))]
    public void Valid_specs_have_no_errors(string name)
    {
        var spec = name switch
        {
            "champion only" => Specs.Champion(),
            "full" => Specs.Full(),
            "custom runtime" => Specs.Champion() with
            {
                Model = Specs.Model("v1") with { Format = ModelFormat.Custom },
                Runtime = new RuntimeSpec { Image = "nvcr.io/nvidia/tritonserver:24.05-py3", Port = 8000 },
            },
            "named runtime" => Specs.Champion() with { Runtime = new RuntimeSpec { Name = "triton", ModelName = "fraud", Port = 8080, Env = [new EnvironmentVariable { Name = "A", Value = "1" }] } },
            "custom format for an auto-selected runtime" => Specs.Champion() with { Model = Specs.Model("v1") with { Format = ModelFormat.Custom } },
            "http model" => Specs.Champion() with { Model = Specs.Model("v1", "https://models.example.com/m.onnx") },
            _ => Specs.Champion() with { Model = Specs.Model("v1", "file:///models/m.onnx") },
        };
        ModelDeploymentValidator.Validate(spec).Should().BeEmpty();
    }

    public static TheoryData<string, string, string> InvalidSpecs => new()
    {
        { "weights over 100", "spec.traffic.challengers[1].weight", "add up to 110" },
        { "duplicate challenger names", "spec.traffic.challengers[1].name", "already used by spec.traffic.challengers[0]" },
        { "shadow named like a challenger", "spec.traffic.shadows[0].name", "already used by spec.traffic.challengers[0]" },
        { "challenger named champion", "spec.traffic.challengers[0].name", "reserved for the champion" },
        { "shadow named canary", "spec.traffic.shadows[0].name", "reserved for the new version during a rollout" },
        { "unknown format", "spec.model.format", "unknown format" },
        { "runtime name with an image", "spec.runtime.name", "excludes image and args" },
        { "runtime name not an object name", "spec.runtime.name", "not a valid object name" },
        { "s3 uri", "spec.model.uri", "not supported yet" },
        { "unknown scheme", "spec.traffic.challengers[0].model.uri", "must start with one of" },
        { "challenger equal to the champion", "spec.traffic.challengers[0].model", "is the champion itself" },
        { "shadow equal to the champion", "spec.traffic.shadows[0].model", "is the champion itself" },
        { "duplicate version", "spec.traffic.shadows[0].model.version", "already used by spec.traffic.challengers[0]" },
        { "key split route to an unknown model", "spec.traffic.keySplit.routes[1].target", "'nope' is neither the champion nor a challenger" },
        { "key split default to a shadow", "spec.traffic.keySplit.default", "is a shadow" },
        { "key split duplicate value", "spec.traffic.keySplit.routes[1].value", "more than one route" },
        { "canary steps not increasing", "spec.rollout.steps[2].weight", "greater than the previous step's weight (50)" },
        { "canary step over 100", "spec.rollout.steps[0].weight", "between 1 and 100" },
        { "bad pause", "spec.rollout.steps[0].pause", "not a duration" },
        { "bad latency", "spec.rollout.analysis.maxLatencyP99", "not a duration" },
        { "error rate over 1", "spec.rollout.analysis.maxErrorRate", "between 0 and 1" },
        { "error rate increase as a duration", "spec.rollout.analysis.maxErrorRateIncrease", "'5ms' is neither an amount such as 0.01 nor a percentage" },
        { "latency increase without unit", "spec.rollout.analysis.maxLatencyP99Increase", "'50' is neither a duration such as 50ms nor a percentage" },
        { "accuracy decrease negative", "spec.rollout.analysis.maxAccuracyDecrease", "'-0.1' is neither an amount" },
        { "min accuracy over 1", "spec.rollout.analysis.minAccuracy", "between 0 and 1" },
        { "zero min requests", "spec.rollout.analysis.minRequests", "at least 1" },
        { "metric address not http", "spec.rollout.analysis.metrics[0].prometheus.address", "'ftp://prom:9090' must be an absolute http or https URL" },
        { "metric without provider", "spec.rollout.analysis.metrics[0].prometheus", "is required" },
        { "metric without bounds", "spec.rollout.analysis.metrics[0].thresholdRange", "needs min, max or both" },
        { "metric range reversed", "spec.rollout.analysis.metrics[0].thresholdRange.min", "(2) must not be greater than max (1)" },
        { "metric names repeated", "spec.rollout.analysis.metrics[1].name", "'errors' is used by another metric" },
        { "sample rate below 0", "spec.monitoring.sampleRate", "between 0 and 1" },
        { "warning bounds reversed", "spec.monitoring.predictionWarnings.lower", "greater than upper" },
        { "negative replicas", "spec.replicas", "must not be negative" },
        { "zero progress deadline", "spec.rollout.progressDeadlineSeconds", "at least 1" },
        { "bad sha256", "spec.model.sha256", "64 lowercase hex" },
        { "empty version", "spec.model.version", "is required" },
        { "bad challenger name", "spec.traffic.challengers[0].name", "DNS label" },
        { "empty sticky key name", "spec.traffic.stickyKey.name", "is required" },
        { "exists toleration with value", "spec.tolerations[0].value", "operator is Exists" },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void Invalid_specs_name_the_field(string name, string field, string problem)
    {
        var errors = ModelDeploymentValidator.Validate(Invalid(name));

        errors.Should().ContainSingle(e => e.Field == field, $"'{name}' must be reported on {field}; got: {string.Join(" | ", errors)}")
            .Which.Message.Should().StartWith(field + ": ").And.Contain(problem);
    }

    [Fact]
    public void Every_broken_rule_is_reported_not_only_the_first()
    {
        var spec = Specs.Full() with
        {
            Replicas = -1,
            Model = Specs.Model("v1", "s3://bucket/m.onnx"),
            Monitoring = new MonitoringSpec { SampleRate = 2 },
        };
        ModelDeploymentValidator.Validate(spec).Select(e => e.Field)
            .Should().BeEquivalentTo("spec.model.uri", "spec.replicas", "spec.monitoring.sampleRate");
    }

    private static ModelDeploymentSpec Invalid(string name)
    {
        var full = Specs.Full();
        var traffic = full.Traffic!;
        var rollout = full.Rollout!;
        return name switch
        {
            "weights over 100" => full with { Traffic = traffic with { Challengers = [Specs.Challenger("gb", "v2", 60), Specs.Challenger("deep", "v3", 50)] } },
            "duplicate challenger names" => full with { Traffic = traffic with { Challengers = [Specs.Challenger("gb", "v2", 10), Specs.Challenger("gb", "v3", 10)] } },
            "shadow named like a challenger" => full with { Traffic = traffic with { Shadows = [Specs.Shadow("gb", "v4")] } },
            "challenger named champion" => full with { Traffic = traffic with { Challengers = [Specs.Challenger("champion", "v2", 10), traffic.Challengers![1]] } },
            "shadow named canary" => full with { Traffic = traffic with { Shadows = [Specs.Shadow("canary", "v4")] } },
            "unknown format" => full with { Model = full.Model with { Format = (ModelFormat)42 } },
            "runtime name with an image" => full with { Runtime = new RuntimeSpec { Name = "triton", Image = "nvcr.io/nvidia/tritonserver:24.05-py3" } },
            "runtime name not an object name" => full with { Runtime = new RuntimeSpec { Name = "Triton_Server" } },
            "s3 uri" => full with { Model = full.Model with { Uri = "s3://bucket/fraud/model.onnx" } },
            "unknown scheme" => full with { Traffic = traffic with { Challengers = [Specs.Challenger("gb", "v2", 10) with { Model = Specs.Model("v2", "ftp://host/m.onnx") }, traffic.Challengers![1]] } },
            "challenger equal to the champion" => full with { Traffic = traffic with { Challengers = [Specs.Challenger("gb", "v1", 10), traffic.Challengers![1]] } },
            "shadow equal to the champion" => full with { Traffic = traffic with { Shadows = [Specs.Shadow("linear", "v1")] } },
            "duplicate version" => full with { Traffic = traffic with { Shadows = [Specs.Shadow("linear", "v2") with { Model = Specs.Model("v2", "http://elsewhere/m.onnx") }] } },
            "key split route to an unknown model" => full with { Traffic = traffic with { KeySplit = traffic.KeySplit! with { Routes = [new KeySplitRoute { Value = "FR", Target = "gb" }, new KeySplitRoute { Value = "IT", Target = "nope" }] } } },
            "key split default to a shadow" => full with { Traffic = traffic with { KeySplit = traffic.KeySplit! with { Default = "linear" } } },
            "key split duplicate value" => full with { Traffic = traffic with { KeySplit = traffic.KeySplit! with { Routes = [new KeySplitRoute { Value = "FR", Target = "gb" }, new KeySplitRoute { Value = "FR", Target = "deep" }] } } },
            "canary steps not increasing" => full with { Rollout = rollout with { Steps = [new CanaryStep { Weight = 10 }, new CanaryStep { Weight = 50 }, new CanaryStep { Weight = 50 }] } },
            "canary step over 100" => full with { Rollout = rollout with { Steps = [new CanaryStep { Weight = 101 }] } },
            "bad pause" => full with { Rollout = rollout with { Steps = [new CanaryStep { Weight = 10, Pause = "5 minutes" }] } },
            "bad latency" => full with { Rollout = rollout with { Analysis = rollout.Analysis! with { MaxLatencyP99 = "fast" } } },
            "error rate over 1" => full with { Rollout = rollout with { Analysis = rollout.Analysis! with { MaxErrorRate = 1.5 } } },
            "error rate increase as a duration" => full with { Rollout = rollout with { Analysis = rollout.Analysis! with { MaxErrorRateIncrease = "5ms" } } },
            "latency increase without unit" => full with { Rollout = rollout with { Analysis = rollout.Analysis! with { MaxLatencyP99Increase = "50" } } },
            "accuracy decrease negative" => full with { Rollout = rollout with { Analysis = rollout.Analysis! with { MaxAccuracyDecrease = "-0.1" } } },
            "min accuracy over 1" => full with { Rollout = rollout with { Analysis = rollout.Analysis! with { MinAccuracy = 1.1 } } },
            "zero min requests" => full with { Rollout = rollout with { Analysis = rollout.Analysis! with { MinRequests = 0 } } },
            "metric address not http" => full with { Rollout = rollout with { Analysis = rollout.Analysis! with { Metrics = [rollout.Analysis.Metrics![0] with { Prometheus = rollout.Analysis.Metrics[0].Prometheus! with { Address = "ftp://prom:9090" } }] } } },
            "metric without provider" => full with { Rollout = rollout with { Analysis = rollout.Analysis! with { Metrics = [rollout.Analysis.Metrics![0] with { Prometheus = null }] } } },
            "metric without bounds" => full with { Rollout = rollout with { Analysis = rollout.Analysis! with { Metrics = [rollout.Analysis.Metrics![0] with { ThresholdRange = new MetricThresholdRange() }] } } },
            "metric range reversed" => full with { Rollout = rollout with { Analysis = rollout.Analysis! with { Metrics = [rollout.Analysis.Metrics![0] with { ThresholdRange = new MetricThresholdRange { Min = 2, Max = 1 } }] } } },
            "metric names repeated" => full with { Rollout = rollout with { Analysis = rollout.Analysis! with { Metrics = [rollout.Analysis.Metrics![0], rollout.Analysis.Metrics[0]] } } },
            "sample rate below 0" => full with { Monitoring = full.Monitoring! with { SampleRate = -0.1 } },
            "warning bounds reversed" => full with { Monitoring = full.Monitoring! with { PredictionWarnings = new PredictionWarnings { Lower = 2, Upper = 1 } } },
            "negative replicas" => full with { Replicas = -1 },
            "zero progress deadline" => full with { Rollout = rollout with { ProgressDeadlineSeconds = 0 } },
            "bad sha256" => full with { Model = full.Model with { Sha256 = "ABCDEF" } },
            "empty version" => full with { Model = full.Model with { Version = "" } },
            "bad challenger name" => full with { Traffic = traffic with { Challengers = [Specs.Challenger("Bad_Name", "v2", 10), traffic.Challengers![1]] } },
            "empty sticky key name" => full with { Traffic = traffic with { StickyKey = traffic.StickyKey! with { Name = " " } } },
            "exists toleration with value" => full with { Tolerations = [new Toleration { Key = "gpu", Operator = TolerationOperator.Exists, Value = "a100" }] },
            _ => throw new ArgumentException(name),
        };
    }
}
