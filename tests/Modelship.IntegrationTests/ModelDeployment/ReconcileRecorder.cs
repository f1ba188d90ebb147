using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// A logger provider that records, from the operator's own logs, which resourceVersion of a ModelDeployment each
/// reconcile started from and when a reconcile finished: the positive signal that a reconcile of a given state ran to
/// its end, before a test asserts that it wrote nothing.
/// </summary>
public sealed class ReconcileRecorder : ILoggerProvider
{
    private const int ReconcilingEventId = 4007;
    private const int CacheBehindEventId = 4008;
    private const int PipelineReconcilingEventId = 4107;
    private const int PipelineCacheBehindEventId = 4108;
    private const int RefreshScheduleReconcilingEventId = 4201;
    private const int RefreshScheduleCacheBehindEventId = 4202;
    private const int ReconciledEventId = 3004;

    private readonly ConcurrentQueue<(string Key, string? ResourceVersion, bool Finished)> _entries = new();

    /// <summary>A position in the record, for <see cref="FinishedAfter"/>.</summary>
    public int Mark => _entries.Count;

    /// <summary>Whether a reconcile of <paramref name="key"/> (namespace/name) that started after <paramref name="mark"/> has finished.</summary>
    public bool FinishedAfter(string key, int mark) => CountFinishedAfter(key, mark) > 0;

    /// <summary>How many reconciles of <paramref name="key"/> that started after <paramref name="mark"/> have finished.</summary>
    public int CountFinishedAfter(string key, int mark)
    {
        var started = false;
        var finished = 0;
        foreach (var entry in _entries.Skip(mark).Where(e => e.Key == key))
        {
            if (!entry.Finished)
            {
                started = true;
            }
            else if (started)
            {
                finished++;
                started = false;
            }
        }
        return finished;
    }

    /// <summary>Whether a reconcile that started from <paramref name="resourceVersion"/> of <paramref name="key"/> has finished.</summary>
    public bool FinishedFrom(string key, string resourceVersion)
    {
        var started = false;
        foreach (var entry in _entries.Where(e => e.Key == key))
        {
            if (!entry.Finished)
            {
                started = entry.ResourceVersion == resourceVersion;
            }
            else if (started)
            {
                return true;
            }
        }
        return false;
    }

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(ReconcileRecorder owner, string category) : ILogger
    {
        private readonly bool _relevant = category.EndsWith("ModelDeploymentReconciler", StringComparison.Ordinal)
            || category.EndsWith("PipelineReconciler", StringComparison.Ordinal)
            || category.EndsWith("RefreshScheduleReconciler", StringComparison.Ordinal)
            || category == "Modelship.Kubernetes.Controllers.Controller";

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => _relevant;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!_relevant || state is not IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                return;
            }
            string? Value(string name) => values.FirstOrDefault(v => v.Key == name).Value?.ToString();
            if (eventId.Id is ReconcilingEventId or CacheBehindEventId or PipelineReconcilingEventId or PipelineCacheBehindEventId
                or RefreshScheduleReconcilingEventId or RefreshScheduleCacheBehindEventId)
            {
                owner._entries.Enqueue((Value("Key")!, Value("ResourceVersion"), false));
            }
            else if (eventId.Id == ReconciledEventId)
            {
                owner._entries.Enqueue((Value("ObjectKey")!, null, true));
            }
        }
    }
}
