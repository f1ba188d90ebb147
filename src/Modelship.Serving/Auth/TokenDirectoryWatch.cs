using Microsoft.Extensions.Logging;

namespace Modelship.Serving.Auth;

/// <summary>
/// The tokens of one directory, kept current without a restart: a <see cref="FileSystemWatcher"/> reloads on every
/// change, and a periodic re-scan catches what the watcher misses (the kubelet swaps a Secret volume's <c>..data</c>
/// symlink, which some file systems report late or not at all, and a directory created after start is not watched).
/// Requests read <see cref="Current"/>, an immutable set swapped atomically.
/// </summary>
public sealed class TokenDirectoryWatch : IDisposable
{
    private readonly string _directory;
    private readonly string _purpose;
    private readonly ILogger _logger;
    private readonly Lock _reloading = new();
    private readonly Timer _rescan;
    private FileSystemWatcher? _watcher;
    private volatile BearerTokenSet _current = BearerTokenSet.Empty;
    private int _lastCount = -1;

    /// <param name="directory">The directory of token files.</param>
    /// <param name="purpose">What the tokens open, for the log ("inference", "admin").</param>
    /// <param name="rescanInterval">How often the directory is read even without a change notice.</param>
    /// <param name="logger">Where reloads are reported (counts only, never a token).</param>
    public TokenDirectoryWatch(string directory, string purpose, TimeSpan rescanInterval, ILogger logger)
    {
        _directory = Path.GetFullPath(directory);
        _purpose = purpose;
        _logger = logger;
        Reload();
        _rescan = new Timer(_ => Reload(), null, rescanInterval, rescanInterval);
    }

    public string Directory => _directory;

    public BearerTokenSet Current => _current;

    /// <summary>Reads the directory again and swaps the set; also (re)starts the watcher once the directory exists.</summary>
    public void Reload()
    {
        lock (_reloading)
        {
            EnsureWatcher();
            var (tokens, skipped) = TokenDirectoryReader.Read(_directory);
            _current = tokens;
            foreach (var reason in skipped)
            {
                AuthLog.TokenFileSkipped(_logger, _purpose, reason);
            }
            if (tokens.Count != _lastCount)
            {
                _lastCount = tokens.Count;
                if (tokens.Count == 0)
                {
                    AuthLog.NoTokens(_logger, _purpose, _directory);
                }
                else
                {
                    AuthLog.TokensLoaded(_logger, _purpose, tokens.Count, _directory);
                }
            }
        }
    }

    public void Dispose()
    {
        _rescan.Dispose();
        lock (_reloading)
        {
            _watcher?.Dispose();
            _watcher = null;
        }
    }

    private void EnsureWatcher()
    {
        if (_watcher is not null || !System.IO.Directory.Exists(_directory))
        {
            return;
        }
        try
        {
            var watcher = new FileSystemWatcher(_directory) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
            FileSystemEventHandler changed = (_, _) => Reload();
            watcher.Created += changed;
            watcher.Changed += changed;
            watcher.Deleted += changed;
            watcher.Renamed += (_, _) => Reload();
            watcher.Error += (_, _) => Reload();
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // Out of inotify watches, say: the periodic re-scan still keeps the set current.
            AuthLog.WatchFailed(_logger, _purpose, _directory, e.Message);
        }
    }
}
