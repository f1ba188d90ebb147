using System.Net.Http.Headers;
using k8s.Authentication;

namespace Modelship.Kubernetes.Config;

/// <summary>
/// Reads the token from a file and reads it again once <c>refreshInterval</c> has passed (the package's TokenFileAuth does
/// too, but fails a request when the file is briefly missing during a rotation and has no clock to test with): projected service
/// account tokens are rotated by the kubelet (and expire), so a token read once at start-up stops working.
/// </summary>
public sealed class FileTokenProvider : ITokenProvider
{
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromMinutes(1);

    private readonly string _path;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private string? _token;
    private long _readAt;

    public FileTokenProvider(string path, TimeSpan? refreshInterval = null, TimeProvider? timeProvider = null)
    {
        _path = path;
        _refreshInterval = refreshInterval ?? DefaultRefreshInterval;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string Path => _path;

    /// <summary>What the package's credentials ask before each request.</summary>
    public async Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken) =>
        new("Bearer", await GetTokenAsync(cancellationToken).ConfigureAwait(false));

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_token is not null && _timeProvider.GetElapsedTime(_readAt) < _refreshInterval)
            {
                return _token;
            }
        }

        string fresh;
        try
        {
            fresh = (await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false)).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lock (_gate)
            {
                // A rotation in progress can make the file briefly unreadable; the previous token is still valid
                // for a while, so keep using it rather than failing the request.
                if (_token is not null)
                {
                    return _token;
                }
            }

            throw new KubernetesConfigException($"Cannot read the bearer token file '{_path}'.", ex);
        }

        lock (_gate)
        {
            _token = fresh;
            _readAt = _timeProvider.GetTimestamp();
            return fresh;
        }
    }
}
