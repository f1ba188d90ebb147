namespace Modelship.Api.Defaults;

/// <summary>The values an absent optional field of a RefreshSchedule's spec.batch means (CRD defaults, Job builder).</summary>
public static class RefreshBatchDefaults
{
    public const int BatchSize = 16;
    public const int Concurrency = 4;
    public const double MaxFailureRatio = 0;
    public const int BackoffLimit = 1;
    public const int TtlSecondsAfterFinished = 86400;

    /// <summary>Replaced in an output URI by the run's scheduled time, so that runs do not overwrite each other.</summary>
    public const string ScheduledTimePlaceholder = "{scheduledTime}";
}
