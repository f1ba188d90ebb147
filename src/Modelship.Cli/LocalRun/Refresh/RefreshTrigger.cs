namespace Modelship.Cli.LocalRun.Refresh;

/// <summary>What started a local run of a RefreshSchedule.</summary>
public enum RefreshTriggerKind
{
    /// <summary>Its scheduled time came.</summary>
    Scheduled,

    /// <summary>Its scheduled time was missed by more than startingDeadlineSeconds: recorded as Skipped, nothing listed.</summary>
    Missed,

    /// <summary>The source directory changed (the local-run convenience: a dropped model file is rolled out at once).</summary>
    DirectoryChanged,
}

/// <param name="ScheduledTime">For Scheduled and Missed: the scheduled time.</param>
public sealed record RefreshTrigger(RefreshTriggerKind Kind, DateTimeOffset? ScheduledTime = null)
{
    public override string ToString() => Kind switch
    {
        RefreshTriggerKind.Scheduled => $"scheduled {ScheduledTime:yyyy-MM-ddTHH:mm:ssK}",
        RefreshTriggerKind.Missed => $"missed {ScheduledTime:yyyy-MM-ddTHH:mm:ssK}",
        _ => "directory changed",
    };
}
