using Microsoft.Extensions.Logging;

namespace Modelship.Kubernetes.LeaderElection;

internal static partial class LeaderElectionLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Attempting to acquire lease {Namespace}/{Lease} as {Identity}")]
    public static partial void Attempting(ILogger logger, string @namespace, string lease, string identity);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Acquired lease {Namespace}/{Lease}: {Identity} is the leader")]
    public static partial void Acquired(ILogger logger, string @namespace, string lease, string identity);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Lease {Namespace}/{Lease} is held by {Holder}")]
    public static partial void NewLeaderObserved(ILogger logger, string @namespace, string lease, string holder);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Could not acquire or renew lease {Namespace}/{Lease}: {Error}")]
    public static partial void AttemptFailed(ILogger logger, string @namespace, string lease, string error);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error,
        Message = "Lost leadership of lease {Namespace}/{Lease}: {Reason}")]
    public static partial void Lost(ILogger logger, string @namespace, string lease, string reason);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Released lease {Namespace}/{Lease}")]
    public static partial void Released(ILogger logger, string @namespace, string lease);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Could not release lease {Namespace}/{Lease}: {Error}")]
    public static partial void ReleaseFailed(ILogger logger, string @namespace, string lease, string error);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Error, Message = "The work run while leading lease {Namespace}/{Lease} failed")]
    public static partial void LeadingWorkFailed(ILogger logger, Exception exception, string @namespace, string lease);
}
