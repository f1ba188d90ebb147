using Microsoft.Extensions.Logging;

namespace Modelship.Serving.Runtime;

internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Loaded model {Model} version {Version} from {Path} (ONNX Runtime {OrtVersion}): inputs {Inputs}; outputs {Outputs}")]
    public static partial void ModelLoaded(ILogger logger, string model, string version, string path, string ortVersion, string inputs, string outputs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Runtime serving {Model} on {Address}")]
    public static partial void Listening(ILogger logger, string model, string address);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Rejected inference request for {Model}: {Status} {Reason}")]
    public static partial void RequestRejected(ILogger logger, string model, int status, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Inference failed for {Model}")]
    public static partial void InferenceFailed(ILogger logger, Exception exception, string model);
}
