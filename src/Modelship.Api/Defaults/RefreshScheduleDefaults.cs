namespace Modelship.Api.Defaults;

/// <summary>
/// The values an absent optional RefreshSchedule field means, stated as <c>default</c> in the CRD schema and applied
/// by the RefreshSchedule controller.
/// </summary>
public static class RefreshScheduleDefaults
{
    public const bool Suspend = false;
    public const string ConcurrencyPolicy = "Forbid";
    public const string SelectionStrategy = "Newest";
    public const bool IncludePrerelease = false;
    public const string PromotionStrategy = "Replace";
    public const bool SkipMetricCheck = false;
    public const string MetricSource = "Registry";
    public const string Window = "10m";
    public const int CanaryWeight = 10;
    public const int MinRequests = 100;

    /// <summary>The backend name a candidate on trial has in the target's spec.traffic.</summary>
    public const string CandidateBackendName = "refresh-candidate";
    public const bool RelativeRegression = false;
    public const bool LowerIsBetter = false;
    public const int SuccessfulRunsHistoryLimit = 3;
    public const int FailedRunsHistoryLimit = 1;
    public const int MaxRunsHistoryLimit = 100;
    public const string TokenKey = "token";
    public const string AccessKeyIdKey = "accessKeyId";
    public const string SecretAccessKeyKey = "secretAccessKey";
    public const string TimeZone = "UTC";

    /// <summary>The model file extensions a directory or S3 source lists when none are given.</summary>
    public static IReadOnlyList<string> ModelFileExtensions { get; } = [".onnx"];
}
