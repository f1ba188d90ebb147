using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Modelship.Serving.Routing;

namespace Modelship.Serving.InferenceLog;

/// <summary>
/// Takes entries off the caller's path: <see cref="TryWrite"/> never waits (bounded queue, a full queue drops the
/// entry and counts it), and one dedicated thread (<see cref="BackgroundThread"/>) serializes and appends them to the
/// sink. It works in batches: woken by an entry, it lets entries gather for <see cref="BatchDelay"/> (capped by the
/// flush interval), serializes all of them with one reused buffer and JSON writer, and flushes once per batch. Under
/// load that is a few wake-ups and write system calls per second instead of several per request, and none of it runs
/// on the thread pool the requests need. Unlike the shadows' threads it keeps the normal CPU priority: it costs a few
/// microseconds per entry, and a saturated router must still log (failures above all) rather than drop.
/// </summary>
public sealed class InferenceLogWriter : IAsyncDisposable
{
    /// <summary>How long the writer lets entries gather before it writes them.</summary>
    public static readonly TimeSpan BatchDelay = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly BackgroundWorkQueue<InferenceLogEntry> _queue;
    private readonly IInferenceLogSink _sink;
    private readonly RouterMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeSpan _batchDelay;
    private readonly CancellationTokenSource _abandon = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    public InferenceLogWriter(IInferenceLogSink sink, RouterMetrics metrics, ILogger logger, int queueCapacity, TimeSpan flushInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(queueCapacity, 1);
        _sink = sink;
        _metrics = metrics;
        _logger = logger;
        _batchDelay = flushInterval < BatchDelay ? flushInterval : BatchDelay;
        _queue = new BackgroundWorkQueue<InferenceLogEntry>(queueCapacity);
        BackgroundThread.Start("inference log writer", lowPriority: false, WriteAll);
    }

    /// <summary>Queues the entry; when the queue is full it is dropped and counted.</summary>
    public void TryWrite(InferenceLogEntry entry)
    {
        if (!_queue.TryAdd(entry))
        {
            _metrics.InferenceLogDropped();
        }
    }

    /// <summary>Writes what is queued, waiting at most a few seconds for a stuck sink, then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _queue.Complete();
        if (await Task.WhenAny(_finished.Task, Task.Delay(DrainTimeout)).ConfigureAwait(false) != _finished.Task)
        {
            await _abandon.CancelAsync().ConfigureAwait(false);
        }
        await _finished.Task.ConfigureAwait(false);
        await _sink.DisposeAsync().ConfigureAwait(false);
        _abandon.Dispose();
    }

    private void WriteAll()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(buffer, InferenceLogLine.WriterOptions);
        try
        {
            while (_queue.WaitForItems())
            {
                if (!_queue.IsCompleted && _batchDelay > TimeSpan.Zero)
                {
                    // Entries keep coming under load: one wake-up and one write for all of them. Nothing waits for this.
                    Thread.Sleep(_batchDelay);
                }
                // What is queued now is this batch; later entries wait for the next one, so a flush is never put off.
                var batch = _queue.Count;
                for (var i = 0; i < batch && _queue.TryTake(out var entry); i++)
                {
                    WriteOne(entry, buffer, json);
                }
                Flush();
            }
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            InferenceLogLog.Abandoned(_logger, DrainTimeout.TotalSeconds);
        }
        finally
        {
            _finished.TrySetResult();
        }
    }

    private void WriteOne(InferenceLogEntry entry, ArrayBufferWriter<byte> buffer, Utf8JsonWriter json)
    {
        buffer.ResetWrittenCount();
        try
        {
            InferenceLogLine.Write(entry, buffer, json);
            _sink.Append(buffer.WrittenSpan, _abandon.Token);
            _metrics.InferenceLogWritten();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Disk errors, and any bug in formatting: one entry is lost, not the writer (a plain thread would take the process).
            _metrics.InferenceLogDropped();
            InferenceLogLog.WriteFailed(_logger, e.Message);
        }
    }

    private void Flush()
    {
        try
        {
            _sink.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            InferenceLogLog.WriteFailed(_logger, e.Message);
        }
    }
}
