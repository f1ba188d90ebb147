using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Modelship.Api.Routing;
using Modelship.Serving.InferenceLog;
using Modelship.Serving.Monitoring.Profile;
using Modelship.Serving.Monitoring.ServiceStats;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Monitoring.Drift;

/// <summary>
/// The router's drift monitor. When the served table has <c>monitoring.drift</c>, each answered inference request is
/// queued (<see cref="Observe"/>, never waits; a full queue drops it, counted) and a low-priority background thread
/// bins its inputs and outputs into the version's window, counts input values outside the training range and then
/// writes the request's inference log entry with those checks. Distances are computed when asked for (/metrics,
/// <see cref="Report"/>). Without <c>monitoring.drift</c> (or with a reference it cannot use) <see cref="IsOn"/> is
/// false and the router does none of this.
/// </summary>
public sealed class DriftMonitor : IAsyncDisposable
{
    /// <summary>Largest reference profile read.</summary>
    public const int MaxReferenceBytes = 16 * 1024 * 1024;

    /// <summary>How often the worker takes what was queued: requests never wake it (see <see cref="BackgroundWorkQueue{T}"/>).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    private readonly BackgroundWorkQueue<DriftObservation> _queue;
    private readonly DriftMetrics _metrics;
    private readonly ILogger _logger;
    private readonly InferenceLogRecorder? _inferenceLog;
    private readonly ServiceStatsRecorder? _serviceStats;
    private readonly Lock _configureLock = new();
    private readonly Lock _startLock = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile DriftState? _state;
    private volatile Thread? _worker;
    private bool _disposed;

    /// <param name="serviceStats">Where inputs outside the training range count as check failures of the version, as failed prediction checks do.</param>
    public DriftMonitor(Meter meter, ILogger logger, int queueCapacity, InferenceLogRecorder? inferenceLog = null, ServiceStatsRecorder? serviceStats = null)
    {
        _logger = logger;
        _inferenceLog = inferenceLog;
        _serviceStats = serviceStats;
        _queue = new BackgroundWorkQueue<DriftObservation>(queueCapacity, PollInterval);
        _metrics = new DriftMetrics(meter, Reportable, Windows);
    }

    /// <summary>Whether answered requests should be handed to <see cref="Observe"/>.</summary>
    public bool IsOn => _state is not null;

    /// <summary>
    /// Follows a newly served table: reads its reference (again: a changed file or window starts new windows, the same
    /// one keeps them), or turns drift monitoring off when the table has none or the reference cannot be used.
    /// </summary>
    public void Configure(RoutingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_configureLock)
        {
            _state = Next(_state, snapshot);
        }
    }

    /// <summary>Queues an answered request; never waits. When the queue is full the request is counted and its log entry written without the range checks.</summary>
    public void Observe(DriftObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (_worker is null)
        {
            StartWorker();
        }
        if (!_queue.TryAdd(observation))
        {
            _metrics.Dropped(observation.Snapshot.Table.ModelName);
            WriteLog(observation, []);
        }
    }

    /// <summary>
    /// Bins one request into its version's window and returns its check failures (inputs outside the training
    /// range). What the worker does per request; public so that tests can drive it without a thread.
    /// </summary>
    public IReadOnlyList<string> Process(DriftObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var state = _state;
        if (state is null || !state.Windows.TryGetValue(observation.Backend.Version, out var window))
        {
            return [];
        }
        var values = V2ValueBinner.Bin(state.Reference, observation.Body, observation.Answer.Body).ToArray();
        window.Add(values);
        var failures = OutOfRangeFailures(state, observation.Backend.Version, values);
        if (failures.Count > 0)
        {
            _serviceStats?.CheckFailures(observation.Backend.Version, observation.Backend.RoleName, failures.Count);
        }
        return failures;
    }

    /// <summary>Drift per version whose window holds at least <c>minSamples</c> requests, for <c>GET /v2/monitoring</c>; empty when monitoring is off.</summary>
    public IReadOnlyList<VersionDrift> Report() => [.. Reportable().Select(r => r.Drift)];

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _queue.Complete();
        lock (_startLock)
        {
            if (_worker is null)
            {
                _worker = Thread.CurrentThread;
                _stopped.TrySetResult();
            }
        }
        await _stopped.Task.ConfigureAwait(false);
    }

    private DriftState? Next(DriftState? current, RoutingSnapshot snapshot)
    {
        if (snapshot.Table.Monitoring?.Drift is not { } settings || snapshot.Pipeline is not null)
        {
            return null;
        }
        byte[] bytes;
        CompiledReference reference;
        try
        {
            bytes = ReadReference(settings.ReferencePath);
            if (current is not null && current.SameReference(settings, bytes))
            {
                reference = current.Reference;
            }
            else
            {
                reference = new CompiledReference(ReferenceProfileFile.Parse(bytes));
                current = null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ProfileInputException or ArgumentException or NotSupportedException)
        {
            DriftLog.ReferenceUnusable(_logger, snapshot.Generation, settings.ReferencePath, e.Message);
            return null;
        }
        var model = snapshot.Table.ModelName;
        var versions = snapshot.Table.Backends.Select(b => b.Version).Distinct(StringComparer.Ordinal).ToList();
        var bins = reference.Columns.Select(c => c.BinCount).ToArray();
        var windows = versions.ToDictionary(
            v => v,
            v => current is not null && current.Model == model && current.Windows.TryGetValue(v, out var kept) ? kept : new DriftWindow(settings.Window, bins),
            StringComparer.Ordinal);
        _metrics.Declare(model, versions, reference.Profile.Features.Select(f => f.Name));
        if (current is null)
        {
            DriftLog.ReferenceLoaded(_logger, reference.Profile.Features.Count, reference.Profile.Predictions.Count, settings.ReferencePath, settings.Window);
        }
        return new DriftState(model, settings, bytes, reference, windows);
    }

    private static byte[] ReadReference(string path)
    {
        using var file = File.OpenRead(path);
        if (file.Length > MaxReferenceBytes)
        {
            throw new IOException($"the file has {file.Length} bytes, more than the {MaxReferenceBytes} a reference may have");
        }
        var bytes = new byte[file.Length];
        file.ReadExactly(bytes);
        return bytes;
    }

    private List<string> OutOfRangeFailures(DriftState state, string version, BinnedValue[] values)
    {
        var failures = new List<string>();
        Dictionary<int, int>? counts = null;
        foreach (var value in values)
        {
            if (value.OutOfRange && state.Reference.IsFeature(value.Column))
            {
                counts ??= [];
                counts[value.Column] = counts.GetValueOrDefault(value.Column) + 1;
            }
        }
        foreach (var (column, count) in counts ?? [])
        {
            var feature = state.Reference.Columns[column];
            _metrics.OutOfRange(state.Model, version, feature.Name, count);
            failures.Add(FormattableString.Invariant($"feature out of training range: {count} value(s) of '{feature.Name}' outside [{feature.Min}, {feature.Max}]"));
        }
        return failures;
    }

    private IEnumerable<(string Model, string Version, VersionDrift Drift)> Reportable()
    {
        if (_state is not { } state)
        {
            yield break;
        }
        foreach (var (version, window) in state.Windows.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            if (window.Samples >= Math.Max(1, state.Settings.MinSamples))
            {
                yield return (state.Model, version, VersionDriftCalculator.Compute(version, state.Reference, window));
            }
        }
    }

    private IEnumerable<(string Model, string Version, int Samples)> Windows() =>
        _state is { } state ? state.Windows.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => (state.Model, w.Key, w.Value.Samples)) : [];

    private void StartWorker()
    {
        lock (_startLock)
        {
            _worker ??= BackgroundThread.Start("drift monitor", lowPriority: true, RunWorker);
        }
    }

    private void RunWorker()
    {
        try
        {
            while (_queue.WaitForItems())
            {
                while (_queue.TryTake(out var observation))
                {
                    IReadOnlyList<string> failures = [];
                    try
                    {
                        failures = Process(observation);
                    }
                    catch (Exception e)
                    {
                        // A bug here must cost one request's monitoring, not the worker (on a plain thread: the process).
                        DriftLog.ObservationFailed(_logger, observation.Backend.Version, e);
                    }
                    WriteLog(observation, failures);
                }
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private void WriteLog(DriftObservation observation, IReadOnlyList<string> failures)
    {
        if (_inferenceLog is null || observation.Log is null)
        {
            return;
        }
        var checkFailures = failures.Count == 0 ? observation.CheckFailures : [.. observation.CheckFailures, .. failures];
        _inferenceLog.WriteAnswer(
            observation.Log, observation.Snapshot, observation.Backend, observation.Body, observation.Answer, observation.Status, observation.Latency, observation.Time, checkFailures);
    }
}
