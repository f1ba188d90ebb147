using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Modelship.Serving.InferenceLog;

namespace Modelship.Serving.Routing;

/// <summary>
/// Mirrors requests to shadows off the caller's path: <see cref="TryEnqueue"/> never waits, a full queue drops the
/// request (counted), and a fixed set of workers sends, times and compares. A shadow can therefore neither delay nor
/// change an answer.
/// </summary>
public sealed class ShadowMirror : IAsyncDisposable
{
    private readonly Channel<ShadowRequest> _queue;
    private readonly BackendForwarder _forwarder;
    private readonly RouterMetrics _metrics;
    private readonly ILogger _logger;
    private readonly InferenceLogRecorder? _inferenceLog;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _workers;

    public ShadowMirror(BackendForwarder forwarder, RouterMetrics metrics, ILogger logger, int capacity, int concurrency, InferenceLogRecorder? inferenceLog = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _forwarder = forwarder;
        _metrics = metrics;
        _logger = logger;
        _inferenceLog = inferenceLog;
        _queue = Channel.CreateBounded<ShadowRequest>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = concurrency == 1 },
            dropped => _metrics.ShadowDropped(dropped.Model, dropped.Shadow.Version));
        _workers = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            _workers[i] = Task.Run(RunWorkerAsync);
        }
    }

    /// <summary>Queues the request for its shadow; when the queue is full it is dropped and counted.</summary>
    public void TryEnqueue(ShadowRequest request) => _queue.Writer.TryWrite(request);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_workers).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunWorkerAsync()
    {
        try
        {
            await foreach (var request in _queue.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                await MirrorAsync(request).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down: requests still queued for shadows are abandoned on purpose.
        }
    }

    private async Task MirrorAsync(ShadowRequest request)
    {
        var shadow = request.Shadow;
        var started = Stopwatch.GetTimestamp();
        var answer = await _forwarder.SendAsync(HttpMethod.Post, shadow.InferUri, request.Body, request.ContentType, _stopping.Token).ConfigureAwait(false);
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
