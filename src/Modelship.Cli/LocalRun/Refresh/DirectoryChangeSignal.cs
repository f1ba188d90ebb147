using System.Threading.Channels;

namespace Modelship.Cli.LocalRun.Refresh;

/// <summary>
/// Signals once a directory has been quiet for the debounce time after a change (a file or folder created, written,
/// renamed or deleted, at any depth), so one copy of a model is one signal however many events it raises. A signal
/// not yet taken stays until it is (a second one while it waits adds nothing). The timer comes from the injected
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed class DirectoryChangeSignal : IDisposable
{
    /// <summary>Short enough that a person who drops a model file sees it rolled out at once.</summary>
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(500);

    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TimeSpan _debounce;
    private readonly ITimer _quiet;
    private readonly FileSystemWatcher _watcher;

    public DirectoryChangeSignal(string directory, TimeSpan debounce, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _debounce = debounce;
        _quiet = time.CreateTimer(_ => _changes.Writer.TryWrite(true), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(directory)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Created += (_, _) => Changed();
        _watcher.Changed += (_, _) => Changed();
        _watcher.Deleted += (_, _) => Changed();
        _watcher.Renamed += (_, _) => Changed();
        // Events were lost (the watcher's buffer overflowed): look anyway.
        _watcher.Error += (_, _) => Changed();
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Completes when a signal is waiting; does not take it (<see cref="TryTake"/> does), so a waiter that gives up loses nothing.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _changes.Reader.WaitToReadAsync(cancellationToken).AsTask();

    /// <summary>Takes the waiting signal; false when there is none.</summary>
    public bool TryTake() => _changes.Reader.TryRead(out _);

    /// <summary>What the watcher calls on every event: (re)starts the quiet period.</summary>
    internal void Changed() => _quiet.Change(_debounce, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _watcher.Dispose();
        _quiet.Dispose();
    }
}
