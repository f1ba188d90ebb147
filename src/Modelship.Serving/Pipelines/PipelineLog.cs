using Microsoft.Extensions.Logging;

namespace Modelship.Serving.Pipelines;

/// <summary>The pipeline runner's log messages.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Pipeline {Pipeline} step {Step} failed a request ({Status}): {Message}")]
    public static partial void StepFailed(ILogger logger, string pipeline, string step, int status, string message);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "Pipeline {Pipeline} step {Step}: validation {Validation} failed: {Reason}")]
    public static partial void CheckFailed(ILogger logger, string pipeline, string step, string validation, string reason);
}
