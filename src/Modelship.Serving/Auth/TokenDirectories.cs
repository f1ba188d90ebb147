using Microsoft.Extensions.Logging;

namespace Modelship.Serving.Auth;

/// <summary>The watched token directories of one router, and the middleware that checks requests against them.</summary>
public sealed class TokenDirectories : IDisposable
{
    private readonly TokenDirectoryWatch? _inference;
    private readonly TokenDirectoryWatch? _admin;

    public TokenDirectories(AuthOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TokenDirectory is { } tokens)
        {
            _inference = new TokenDirectoryWatch(tokens, "inference", options.RescanInterval, logger);
        }
        if (options.AdminTokenDirectory is { } admin)
        {
            _admin = new TokenDirectoryWatch(admin, "admin", options.RescanInterval, logger);
        }
        var inference = _inference;
        var adminWatch = _admin;
        Middleware = new BearerAuthentication(
            inference is null ? null : () => inference.Current,
            adminWatch is null ? null : () => adminWatch.Current);
    }

    public BearerAuthentication Middleware { get; }

    public void Dispose()
    {
        _inference?.Dispose();
        _admin?.Dispose();
    }
}
