using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Modelship.Serving.Routing;

namespace Modelship.Serving.InferenceLog;

/// <summary>
/// Takes entries off the caller's path: <see cref="TryWrite"/> never waits (bounded channel, a full queue drops the
/// entry and counts it), and one background task serializes and appends them to the sink, flushing when the queue
/// runs dry, at least every <see cref="InferenceLogOptions.FlushInterval"/> while it does not, and on dispose.
/// </summary>
public sealed class InferenceLogWriter : IAsyncDisposable
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly Channel<InferenceLogEntry> _queue;
    private readonly IInferenceLogSink _sink;
    private readonly RouterMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeSpan _flushInterval;
    private readonly CancellationTokenSource _abandon = new();
    private readonly Task _writing;
    private bool _disposed;

    public InferenceLogWriter(IInferenceLogSink sink, RouterMetrics metrics, ILogger logger, int queueCapacity, TimeSpan flushInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(queueCapacity, 1);
        _sink = sink;
        _metrics = metrics;
        _logger = logger;
        _flushInterval = flushInterval;
        _queue = Channel.CreateBounded<InferenceLogEntry>(
            new BoundedChannelOptions(queueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => _metrics.InferenceLogDropped());
        _writing = Task.Run(WriteAllAsync);
    }

    /// <summary>Queues the entry; when the queue is full it is dropped and counted.</summary>
    public void TryWrite(InferenceLogEntry entry) => _queue.Writer.TryWrite(entry);

    /// <summary>Writes what is queued, waiting at most a few seconds for a stuck sink, then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _queue.Writer.TryComplete();
        if (await Task.WhenAny(_writing, Task.Delay(DrainTimeout)).ConfigureAwait(false) != _writing)
        {
            await _abandon.CancelAsync().ConfigureAwait(false);
        }
        await _writing.ConfigureAwait(false);
        await _sink.DisposeAsync().ConfigureAwait(false);
        _abandon.Dispose();
    }

    private async Task WriteAllAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(buffer, InferenceLogLine.WriterOptions);
        var lastFlush = Stopwatch.GetTimestamp();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_abandon.Token).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var entry))
                {
                    await WriteOneAsync(entry, buffer, json).ConfigureAwait(false);
                    if (Stopwatch.GetElapsedTime(lastFlush) >= _flushInterval)
                    {
                        await FlushAsync().ConfigureAwait(false);
                        lastFlush = Stopwatch.GetTimestamp();
                    }
                }
                await FlushAsync().ConfigureAwait(false);
                lastFlush = Stopwatch.GetTimestamp();
            }
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            InferenceLogLog.Abandoned(_logger, DrainTimeout.TotalSeconds);
        }
    }

    private async Task WriteOneAsync(InferenceLogEntry entry, ArrayBufferWriter<byte> buffer, Utf8JsonWriter json)
    {
        buffer.ResetWrittenCount();
        try
        {
            InferenceLogLine.Write(entry, buffer, json);
            await _sink.AppendAsync(buffer.WrittenMemory, _abandon.Token).ConfigureAwait(false);
            _metrics.InferenceLogWritten();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            _metrics.InferenceLogDropped();
            InferenceLogLog.WriteFailed(_logger, e.Message);
        }
    }

    private async Task FlushAsync()
    {
        try
        {
            await _sink.FlushAsync(_abandon.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            InferenceLogLog.WriteFailed(_logger, e.Message);
        }
    }
}
