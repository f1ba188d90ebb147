using Microsoft.Extensions.Logging;

namespace Modelship.Serving.Auth;

/// <summary>The log messages of endpoint authentication; never a token, only counts and file names.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "Accepting {Count} {Purpose} bearer token(s) from {Directory}")]
    public static partial void TokensLoaded(ILogger logger, string purpose, int count, string directory);

    [LoggerMessage(EventId = 61, Level = LogLevel.Warning, Message = "No {Purpose} bearer tokens in {Directory}: every {Purpose} request is refused with 401 until one is added")]
    public static partial void NoTokens(ILogger logger, string purpose, string directory);

    [LoggerMessage(EventId = 62, Level = LogLevel.Warning, Message = "Skipping a {Purpose} token file: {Reason}")]
    public static partial void TokenFileSkipped(ILogger logger, string purpose, string reason);

    [LoggerMessage(EventId = 63, Level = LogLevel.Warning, Message = "Cannot watch {Purpose} token directory {Directory} ({Reason}); re-scanning it periodically only")]
    public static partial void WatchFailed(ILogger logger, string purpose, string directory, string reason);
}
