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

    public FakeLogSink(bool blocked = false)
    {
        if (!blocked)
        {
            _released.SetResult();
        }
    }

    public IReadOnlyList<string> Lines => [.. _lines];

    public int Flushes { get; private set; }

    public void Release() => _released.TrySetResult();

    public async ValueTask AppendAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        await _released.Task.WaitAsync(cancellationToken);
        _lines.Enqueue(Encoding.UTF8.GetString(line.Span));
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        Flushes++;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _released.TrySetResult();
        return ValueTask.CompletedTask;
    }
}
