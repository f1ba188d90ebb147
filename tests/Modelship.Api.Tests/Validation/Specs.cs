using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Tests.Validation;

/// <summary>Small valid specs for tests to vary.</summary>
internal static class Specs
{
    public static ModelSpec Model(string version, string uri = "") => new()
    {
        Uri = uri.Length > 0 ? uri : $"pvc://models/fraud/{version}/model.onnx",
        Version = version,
    };

    public static ChallengerSpec Challenger(string name, string version, int weight) => new() { Name = name, Model = Model(version), Weight = weight };

    public static ShadowSpec Shadow(string name, string version) => new() { Name = name, Model = Model(version) };

    public static ModelDeploymentSpec Champion() => new() { Model = Model("v1") };

    /// <summary>Champion, two challengers (20% and 30%), a shadow, sticky key, key split, canary and monitoring.</summary>
    public static ModelDeploymentSpec Full() => new()
    {
        Model = Model("v1") with { Format = ModelFormat.Onnx, Sha256 = new string('a', 64) },
        Replicas = 2,
        Tolerations = [new Toleration { Key = "gpu", Operator = TolerationOperator.Exists, Effect = TaintEffect.NoSchedule }],
        Traffic = new TrafficSpec
        {
            Challengers = [Challenger("gb", "v2", 20), Challenger("deep", "v3", 30)],
            Shadows = [Shadow("linear", "v4")],
            StickyKey = new TrafficKey { Source = TrafficKeySource.Header, Name = "x-user-id" },
            KeySplit = new KeySplitSpec
            {
                Source = TrafficKeySource.Input,
                Name = "country",
                Routes = [new KeySplitRoute { Value = "FR", Target = "gb" }, new KeySplitRoute { Value = "DE", Target = "champion" }],
                Default = "deep",
            },
        },
        Rollout = new RolloutSpec
        {
            Strategy = RolloutStrategy.Canary,
            Steps = [new CanaryStep { Weight = 10, Pause = "30s" }, new CanaryStep { Weight = 50, Pause = "1m30s" }, new CanaryStep { Weight = 100 }],
            Analysis = new RolloutAnalysis
            {
                MaxErrorRate = 0.02,
                MaxLatencyP99 = "250ms",
                MinShadowAgreement = 0.9,
                MaxErrorRateIncrease = "0.01",
                MaxLatencyP99Increase = "10%",
                MinRequests = 50,
                MinAccuracy = 0.8,
                MaxAccuracyDecrease = "5%",
                Metrics =
                [
                    new AnalysisMetric
                    {
                        Name = "errors",
                        Prometheus = new PrometheusMetricSource { Address = "http://prometheus.monitoring:9090", Query = "sum(rate(modelship_requests_total{version=\"{{ version }}\",code=~\"5..\"}[{{ window }}]))" },
                        ThresholdRange = new MetricThresholdRange { Max = 0.5 },
                    },
                ],
            },
            ProgressDeadlineSeconds = 900,
        },
        Monitoring = new MonitoringSpec { CollectPredictions = true, SampleRate = 0.5, PredictionWarnings = new PredictionWarnings { Lower = 0, Upper = 1 } },
    };
}
