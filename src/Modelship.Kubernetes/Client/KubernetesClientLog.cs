using Microsoft.Extensions.Logging;

namespace Modelship.Kubernetes.Client;

internal static partial class KubernetesClientLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "{Method} {Path} failed (attempt {Attempt}), retrying in {DelayMilliseconds} ms: {Error}")]
    public static partial void RetryingRequest(ILogger logger, string method, string path, int attempt, double delayMilliseconds, string error);
}
