namespace Modelship.Api.Defaults;

/// <summary>
/// The values an absent optional field means. The CRD schema states them as <c>default</c> and
/// <see cref="EffectiveSettings"/> applies them in code, so both read from here.
/// </summary>
public static class ModelDeploymentDefaults
{
    public const int Replicas = 1;
    public const bool Suspend = false;
    public const string Format = "onnx";
    public const int RuntimePort = 8080;
    public const string RolloutStrategy = "Replace";
    public const int ProgressDeadlineSeconds = 600;
    public const bool RequireSignatureMatch = true;
    public const double SampleRate = 1.0;
    public const bool CollectPredictions = false;
    public const string AssociationIdSource = "parameter";
    public const string MonitoringStatusInterval = "60s";

    /// <summary>The router's inference log emptyDir: its rotation (5 files of 64 MiB by default) stays under it, so it never evicts the Pod.</summary>
    public const string InferenceLogSizeLimit = "384Mi";

    public const double DriftThreshold = 0.2;
    public const string DriftMetric = "psi";
    public const int DriftWindow = 1000;
    public const int DriftMinSamples = 100;
    public const string DriftReferenceKey = "profile.json";

    /// <summary>ConfigMap key of a sample prediction request (spec.replacement.validation.samplePrediction.requestFrom).</summary>
    public const string SampleRequestKey = "request.json";
    public const int AccuracyWindow = 1000;
    public const string AccuracyRetention = "168h";
    public const int AccuracyMaxPredictions = 100_000;

    /// <summary>Requests the canary must answer in a step's window before the step is judged (spec.rollout.analysis.minRequests).</summary>
    public const int AnalysisMinRequests = 100;

    /// <summary>How many retired and active versions <c>status.history</c> keeps.</summary>
    public const int HistoryLimit = 10;

    /// <summary>The backend name of <c>spec.model</c>; challengers, shadows and key-split targets share its namespace.</summary>
    public const string ChampionName = "champion";

    /// <summary>The backend name of a new spec.model while a rollout mirrors it or gives it a share; reserved like <see cref="ChampionName"/>.</summary>
    public const string CanaryName = "canary";
}
