using Microsoft.Extensions.Logging;
using Modelship.Api.Routing;

namespace Modelship.Serving.Routing;

/// <summary>
/// Cluster mode: serves each valid routing table document as it arrives, keeps the served table when a document is
/// missing or invalid, and reports the served generation after every swap. Reporting runs on its own loop, retried
/// with backoff and always with the latest generation, so a slow or failing API server never delays a swap.
/// </summary>
public sealed class ClusterRoutingTableSource(
    IRoutingTableDocumentWatch documents,
    IServedGenerationReporter reporter,
    ILogger logger,
    TimeProvider? timeProvider = null) : IRoutingTableSource, IDisposable
{
    private static readonly TimeSpan InitialReportBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxReportBackoff = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly SemaphoreSlim _servedChanged = new(0, 1);
    private long _servedGeneration = -1;

    /// <summary>After <see cref="RunAsync"/> has returned (the router disposes its source last).</summary>
    public void Dispose() => _servedChanged.Dispose();

    public async Task RunAsync(IRoutingTableTarget target, CancellationToken cancellationToken)
    {
        var reporting = Task.Run(() => ReportLoopAsync(cancellationToken), CancellationToken.None);
        try
        {
            await foreach (var document in documents.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                Apply(target, document);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
        finally
        {
            await reporting.ConfigureAwait(false);
        }
    }

    private void Apply(IRoutingTableTarget target, string? document)
    {
        if (document is null)
        {
            RouterLog.TableUnreadable(logger, documents.Origin, "the routing table document does not exist");
            return;
        }
        try
        {
            target.Update(RoutingTable.Parse(document));
        }
        catch (RoutingTableException e)
        {
            RouterLog.TableRejected(logger, documents.Origin, target.ServedGeneration, e.Message);
            return;
        }
        Interlocked.Exchange(ref _servedGeneration, target.ServedGeneration ?? -1);
        if (_servedChanged.CurrentCount == 0)
        {
            try
            {
                _servedChanged.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled; the reporter will read the latest generation.
            }
        }
    }

    private async Task ReportLoopAsync(CancellationToken cancellationToken)
    {
        long reported = -1;
        var backoff = InitialReportBackoff;
        try
        {
            while (true)
            {
                var generation = Interlocked.Read(ref _servedGeneration);
                if (generation == reported || generation < 0)
                {
                    await _servedChanged.WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                try
                {
                    await reporter.ReportAsync(generation, cancellationToken).ConfigureAwait(false);
                    reported = generation;
                    backoff = InitialReportBackoff;
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    RouterLog.ReportFailed(logger, generation, backoff.TotalSeconds, e.Message);
                    await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxReportBackoff.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }
}
