using System.Collections.Concurrent;
using System.Text;
using Modelship.Serving.InferenceLog;

namespace Modelship.Serving.Tests.InferenceLog;

/// <summary>
/// An in-memory stand-in for the log file. While <see cref="Block"/> is set it behaves like a disk that never
/// answers: appends wait until <see cref="Release"/>.
/// </summary>
internal sealed class FakeLogSink : IInferenceLogSink
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _flushes;

    public FakeLogSink(bool blocked = false)
    {
        if (!blocked)
        {
            _released.SetResult();
        }
    }

    public IReadOnlyList<string> Lines => [.. _lines];

    public int Flushes => Volatile.Read(ref _flushes);

    public void Release() => _released.TrySetResult();

    /// <summary>Blocks the writer's thread while the disk is blocked, as a stuck write system call would.</summary>
    public void Append(ReadOnlySpan<byte> line, CancellationToken abandon)
    {
        _released.Task.Wait(abandon);
        _lines.Enqueue(Encoding.UTF8.GetString(line));
    }

    public void Flush() => Interlocked.Increment(ref _flushes);

    public ValueTask DisposeAsync()
    {
        _released.TrySetResult();
        return ValueTask.CompletedTask;
    }
}
