using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Modelship.Serving.InferenceLog;

namespace Modelship.Serving.Routing;

/// <summary>
/// Mirrors requests to shadows off the caller's path: <see cref="TryEnqueue"/> never waits, a full queue drops the
/// request (counted), and a fixed set of dedicated low-priority threads (<see cref="BackgroundThread"/>) sends with
/// blocking I/O, times and compares. A shadow can therefore neither delay nor change an answer, and its work neither
/// occupies the thread pool the requests run on nor competes with them for a CPU.
/// </summary>
public sealed class ShadowMirror : IAsyncDisposable
{
    private readonly BackgroundWorkQueue<ShadowRequest> _queue;
    private readonly BackendForwarder _forwarder;
    private readonly RouterMetrics _metrics;
    private readonly ILogger _logger;
    private readonly InferenceLogRecorder? _inferenceLog;
    private readonly CancellationTokenSource _stopping = new();
    private readonly int _concurrency;
    private readonly Lock _startLock = new();
    private volatile Thread[]? _workers;
    private int _running;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ShadowMirror(BackendForwarder forwarder, RouterMetrics metrics, ILogger logger, int capacity, int concurrency, InferenceLogRecorder? inferenceLog = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _forwarder = forwarder;
        _metrics = metrics;
        _logger = logger;
        _inferenceLog = inferenceLog;
        _concurrency = concurrency;
        _queue = new BackgroundWorkQueue<ShadowRequest>(capacity);
    }

    /// <summary>Queues the request for its shadow; when the queue is full it is dropped and counted.</summary>
    public void TryEnqueue(ShadowRequest request)
    {
        if (_workers is null)
        {
            StartWorkers();
        }
        if (!_queue.TryAdd(request))
        {
            _metrics.ShadowDropped(request.Model, request.Shadow.Version);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Complete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        lock (_startLock)
        {
            // No worker starts after this; if none ever started, there is nothing to wait for.
            _workers ??= [];
            if (_workers.Length == 0)
            {
                _stopped.TrySetResult();
            }
        }
        await _stopped.Task.ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>Threads start with the first mirrored request: a router without shadows has none.</summary>
    private void StartWorkers()
    {
        lock (_startLock)
        {
            if (_workers is not null)
            {
                return;
            }
            _running = _concurrency;
            var workers = new Thread[_concurrency];
            for (var i = 0; i < _concurrency; i++)
            {
                workers[i] = BackgroundThread.Start($"shadow mirror {i + 1}", lowPriority: true, RunWorker);
            }
            _workers = workers;
        }
    }

    private void RunWorker()
    {
        try
        {
            while (!_stopping.IsCancellationRequested && _queue.WaitForItems())
            {
                // Shutting down: requests still queued for shadows are abandoned on purpose.
                while (!_stopping.IsCancellationRequested && _queue.TryTake(out var request))
                {
                    try
                    {
                        Mirror(request);
                    }
                    catch (Exception e)
                    {
                        // A bug here must cost one comparison, not the worker (or, on a plain thread, the process).
                        Fail(request, "error", e.Message);
                    }
                }
            }
        }
        finally
        {
            if (Interlocked.Decrement(ref _running) == 0)
            {
                _stopped.TrySetResult();
            }
        }
    }

    private void Mirror(ShadowRequest request)
    {
        var shadow = request.Shadow;
        var started = Stopwatch.GetTimestamp();
        var answer = _forwarder.Send(HttpMethod.Post, shadow.InferUri, request.Body, request.ContentType, _stopping.Token);
        if (answer.Outcome == BackendOutcome.CallerAborted)
        {
            return;
        }
        var latency = Stopwatch.GetElapsedTime(started);
        if (answer.Outcome != BackendOutcome.Answered)
        {
            Fail(request, answer.Outcome == BackendOutcome.TimedOut ? "timeout" : "unreachable", answer.Failure);
            _inferenceLog?.RecordShadow(request, answer, latency, null, null);
            return;
        }
        _metrics.ShadowAnswered(request.Model, shadow.Version, latency);
        if (!answer.IsSuccess)
        {
            Fail(request, "status", $"status {answer.StatusCode}");
            _inferenceLog?.RecordShadow(request, answer, latency, null, null);
            return;
        }
        if (!request.PrimaryAnswer.IsSuccess)
        {
            _inferenceLog?.RecordShadow(request, answer, latency, null, null);
            return;
        }
        ShadowComparison? comparison = null;
        string? mismatch = null;
        try
        {
            comparison = ShadowComparer.Compare(request.PrimaryAnswer.Body, answer.Body);
            _metrics.ShadowCompared(request.Model, shadow.Version, comparison.Value);
            mismatch = comparison.Value.Mismatch;
        }
        catch (JsonException e)
        {
            mismatch = $"the primary answer is not JSON: {e.Message}";
        }
        if (mismatch is not null)
        {
            Fail(request, "mismatch", mismatch);
        }
        _inferenceLog?.RecordShadow(request, answer, latency, comparison, mismatch);
    }

    private void Fail(ShadowRequest request, string reason, string? detail)
    {
        _metrics.ShadowFailed(request.Model, request.Shadow.Version, reason);
        RouterLog.ShadowFailed(_logger, request.Shadow.Name, request.Shadow.Version, $"{reason}: {detail}");
    }
}
