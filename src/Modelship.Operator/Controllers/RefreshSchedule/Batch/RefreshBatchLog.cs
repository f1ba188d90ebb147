using Microsoft.Extensions.Logging;

namespace Modelship.Operator.Controllers.RefreshSchedule.Batch;

internal static partial class RefreshBatchLog
{
    [LoggerMessage(EventId = 4251, Level = LogLevel.Information, Message = "RefreshSchedule {Key} started batch Job {Job} for the run of {ScheduledTime}")]
    public static partial void JobStarted(ILogger logger, string key, string job, DateTimeOffset scheduledTime);

    [LoggerMessage(EventId = 4252, Level = LogLevel.Warning, Message = "RefreshSchedule {Key} could not create batch Job {Job}: {Message}")]
    public static partial void JobCreateFailed(ILogger logger, string key, string job, string message);

    [LoggerMessage(EventId = 4253, Level = LogLevel.Information, Message = "RefreshSchedule {Key} batch Job {Job} finished: {Result}: {Message}")]
    public static partial void JobFinished(ILogger logger, string key, string job, string result, string message);
}
