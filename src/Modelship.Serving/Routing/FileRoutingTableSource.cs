using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Modelship.Api.Routing;

namespace Modelship.Serving.Routing;

/// <summary>
/// Reads the routing table from a file (local mode) and follows its changes. A FileSystemWatcher on the directory
/// gives quick reloads; polling catches what watchers miss (editors that replace the file, mounted volumes whose
/// symlinks are swapped). The file is read fully and parsed before a swap; an invalid file is logged and the served
/// table kept.
/// </summary>
public sealed class FileRoutingTableSource(string path, ILogger logger, TimeSpan? pollInterval = null) : IRoutingTableSource
{
    private readonly string _path = Path.GetFullPath(path);
    private readonly TimeSpan _pollInterval = pollInterval ?? TimeSpan.FromSeconds(2);
    private byte[]? _lastContentHash;

    public async Task RunAsync(IRoutingTableTarget target, CancellationToken cancellationToken)
    {
        using var changed = new SemaphoreSlim(0);
        using var watcher = CreateWatcher(changed);
        LoadIfChanged(target);
        try
        {
            while (true)
            {
                await changed.WaitAsync(_pollInterval, cancellationToken).ConfigureAwait(false);
                // Writers often touch a file several times; a short pause lets them finish before we read.
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
                while (changed.CurrentCount > 0)
                {
                    await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                LoadIfChanged(target);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private FileSystemWatcher? CreateWatcher(SemaphoreSlim changed)
    {
        var directory = Path.GetDirectoryName(_path);
        if (directory is null || !Directory.Exists(directory))
        {
            return null;
        }
        var watcher = new FileSystemWatcher(directory)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        FileSystemEventHandler onChange = (_, _) => changed.Release();
        watcher.Changed += onChange;
        watcher.Created += onChange;
        watcher.Renamed += (_, _) => changed.Release();
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void LoadIfChanged(IRoutingTableTarget target)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            RouterLog.TableUnreadable(logger, _path, e.Message);
            return;
        }
        var hash = SHA256.HashData(content);
        if (_lastContentHash is not null && hash.AsSpan().SequenceEqual(_lastContentHash))
        {
            return;
        }
        _lastContentHash = hash;
        try
        {
            target.Update(RoutingTable.Parse(content));
        }
        catch (RoutingTableException e)
        {
            RouterLog.TableRejected(logger, _path, target.ServedGeneration, e.Message);
        }
    }
}
