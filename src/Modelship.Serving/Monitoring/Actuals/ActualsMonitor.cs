using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Modelship.Api.Routing;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Monitoring.Actuals;

/// <summary>
/// Accuracy from actuals for one router: answered requests are queued (<see cref="TryEnqueue"/>, a header lookup at
/// most, never a parse) and a dedicated background thread reads their association id and prediction and stores them in
/// the <see cref="JoinStore"/>; <see cref="Receive"/> joins posted actuals with them. Joined pairs feed the
/// <see cref="RollingAccuracy"/> per version. A full queue drops the prediction (counted in <see cref="Dropped"/>):
/// its actual will then be unmatched.
/// </summary>
public sealed class ActualsMonitor : IAsyncDisposable
{
    /// <summary>How often the worker stores what was queued: requests never wake it (see <see cref="BackgroundWorkQueue{T}"/>).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    private readonly JoinStore _store;
    private readonly RollingAccuracy _accuracy = new();
    private readonly BackgroundWorkQueue<PredictionWork> _queue;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Thread _worker;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private JoinLimits _limits;
    private int _window = new ActualsSettings { AssociationId = new() { Source = AssociationIdSource.Header, Name = "-" } }.Window;
    private long _received;
    private long _dropped;

    private ActualsMonitor(JoinStore store, JoinLimits limits, TimeProvider clock, ILogger logger, int queueCapacity, List<JoinedActual> replayed)
    {
        _store = store;
        _limits = limits;
        _clock = clock;
        _logger = logger;
        _queue = new BackgroundWorkQueue<PredictionWork>(queueCapacity, PollInterval);
        foreach (var pair in replayed)
        {
            _accuracy.Add(pair, _window);
        }
        _worker = BackgroundThread.Start("modelship-actuals", lowPriority: true, Run);
    }

    /// <summary>Opens the join store in <paramref name="directory"/> (re-reading what a previous router stored there) and starts the worker.</summary>
    public static ActualsMonitor Open(string directory, TimeProvider clock, ILogger logger, int queueCapacity = 8192)
    {
        // Until a table says otherwise: keep what is on disk, the table's bounds apply from the first prediction or actual.
        var limits = new JoinLimits(int.MaxValue, TimeSpan.FromDays(3650), JoinLimits.PendingCeiling);
        var replayed = new List<JoinedActual>();
        var store = JoinStore.Open(directory, limits, clock.GetUtcNow(), replayed.Add);
        ActualsLog.Opened(logger, directory, store.Predictions, store.Pending);
        return new ActualsMonitor(store, limits, clock, logger, queueCapacity, replayed);
    }

    /// <summary>Actuals accepted (joined or pending) since the router started.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Predictions not stored because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Predictions waiting in the queue.</summary>
    public int Queued => _queue.Count;

    /// <summary>Queues an answered request for the join; never blocks. The header id is read here, the body later.</summary>
    public void TryEnqueue(ActualsSettings settings, string version, byte[] request, HttpRequest http, BackendResponse answer)
    {
        string? headerId = null;
        if (settings.AssociationId.Source == AssociationIdSource.Header)
        {
            if (!http.Headers.TryGetValue(settings.AssociationId.Name, out var values) || values.Count == 0)
            {
                return;
            }
            headerId = values[0];
        }
        if (!_queue.TryAdd(new PredictionWork(settings, version, request, answer.Body, headerId, _clock.GetUtcNow())))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Joins a validated batch; each id's first actual counts, later ones are duplicates.</summary>
    public ActualsCounts Receive(IReadOnlyList<ReceivedActual> actuals, ActualsSettings settings)
    {
        long joined = 0, unmatched = 0, duplicate = 0;
        lock (_gate)
        {
            Configure(settings);
            var now = _clock.GetUtcNow();
            foreach (var actual in actuals)
            {
                var (result, pair) = _store.AddActual(actual.AssociationId, actual.Actual, _limits, now);
                switch (result)
                {
                    case ActualResult.Joined:
                        joined++;
                        if (pair is not null)
                        {
                            _accuracy.Add(pair, _window);
                        }
                        break;
                    case ActualResult.Unmatched:
                        unmatched++;
                        break;
                    default:
                        duplicate++;
                        break;
                }
            }
            _store.Flush();
        }
        Interlocked.Add(ref _received, joined + unmatched);
        return new ActualsCounts(joined, unmatched, duplicate, 0);
    }

    /// <summary>Accuracy per version over the last <see cref="ActualsSettings.Window"/> joined actuals.</summary>
    public IReadOnlyList<VersionAccuracy> Accuracy(ActualsSettings settings) => _accuracy.Read(settings.Task, settings.Window);

    public async ValueTask DisposeAsync()
    {
        _queue.Complete();
        await _stopped.Task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_gate)
        {
            _store.Dispose();
        }
    }

    private void Configure(ActualsSettings settings)
    {
        _limits = JoinLimits.From(settings);
        _window = settings.Window;
    }

    private void Run()
    {
        try
        {
            while (_queue.WaitForItems())
            {
                lock (_gate)
                {
                    while (_queue.TryTake(out var work))
                    {
                        Store(work);
                    }
                    _store.Flush();
                }
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    /// <summary>Called with the gate held.</summary>
    private void Store(PredictionWork work)
    {
        try
        {
            var id = work.HeaderAssociationId ?? AssociationIdReader.ReadFromBody(work.Request, work.Settings.AssociationId);
            if (id is null or { Length: 0 or > ActualsBodyParser.MaxAssociationIdLength })
            {
                return;
            }
            if (PredictionReader.Read(work.Answer, work.Settings, id, work.Version, work.Time) is not { } prediction)
            {
                return;
            }
            Configure(work.Settings);
            if (_store.AddPrediction(prediction, _limits, _clock.GetUtcNow()) is { } pair)
            {
                _accuracy.Add(pair, _window);
            }
        }
        catch (IOException e)
        {
            ActualsLog.StoreFailed(_logger, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            ActualsLog.StoreFailed(_logger, e.Message);
        }
    }
}
