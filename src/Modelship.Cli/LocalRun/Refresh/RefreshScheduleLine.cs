using Modelship.Api.V1Alpha1;

namespace Modelship.Cli.LocalRun.Refresh;

/// <summary>The line `modelship run` prints for each RefreshSchedule it runs: where it looks, when, and what else starts a run.</summary>
public static class RefreshScheduleLine
{
    public static string Describe(LocalRefreshSchedule schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var source = schedule.Spec.Source ?? new RefreshSource();
        var where = source.Directory is { } directory ? $"directory {directory.Path}"
            : source.Http is { } http ? $"index {http.Url}"
            : source.Mlflow is { } mlflow ? $"MLflow model {mlflow.ModelName} at {mlflow.TrackingUri}"
            : source.S3 is { } s3 ? $"s3://{s3.Bucket}/{s3.Prefix}"
            : "no source";
        var zone = schedule.Spec.TimeZone ?? "UTC";
        var when = schedule.Suspend
            ? "suspended: no runs"
            : schedule.Cron.Next(now) is { } next
                ? $"schedule \"{schedule.Spec.Schedule}\" {zone}, next run {TimeZoneInfo.ConvertTime(next, schedule.Cron.TimeZone):yyyy-MM-dd HH:mm:ss zzz}"
                : $"schedule \"{schedule.Spec.Schedule}\" {zone} has no future time";
        var watched = source.Directory is not null && !schedule.Suspend ? "; a change in the directory starts a run within a second" : "";
        return $"modelship refresh {schedule.Name}: {where} for ModelDeployment {schedule.Spec.Target.ModelDeployment} ({when}{watched})";
    }
}
