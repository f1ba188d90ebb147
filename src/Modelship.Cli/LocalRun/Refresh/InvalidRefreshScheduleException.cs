namespace Modelship.Cli.LocalRun.Refresh;

/// <summary>A RefreshSchedule that `modelship run` cannot run (a bad cron, another target...); the message names each field.</summary>
public sealed class InvalidRefreshScheduleException : Exception
{
    public InvalidRefreshScheduleException(string message) : base(message) { }

    public InvalidRefreshScheduleException(string message, Exception inner) : base(message, inner) { }

    public InvalidRefreshScheduleException() { }
}
