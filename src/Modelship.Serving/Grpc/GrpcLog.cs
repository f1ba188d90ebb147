using Microsoft.Extensions.Logging;

namespace Modelship.Serving.Grpc;

internal static partial class GrpcLog
{
    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "Open Inference Protocol over gRPC (h2c) on {Address}")]
    public static partial void Listening(ILogger logger, string address);
}
