using k8s.Models;
using Modelship.Operator.Controllers.RefreshSchedule;

namespace Modelship.Cli.LocalRun.Refresh;

/// <summary>
/// The RefreshSchedules of a local run: one <see cref="LocalRefreshLoop"/> each, a <see cref="DirectoryChangeSignal"/>
/// for each directory source, and one line on <c>output</c> per run. Runs of different schedules take turns (one
/// champion, one change at a time). Started by <see cref="Start"/>; disposing stops the loops.
/// </summary>
public sealed class LocalRefresh : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<DirectoryChangeSignal> _signals = [];
    private readonly List<Task> _loops = [];
    // Not the TextWriter itself: it belongs to the caller.
    private readonly Action<string> _print;

    private LocalRefresh(TextWriter output) => _print = output.WriteLine;

    /// <param name="debounce">How long a source directory must be quiet after a change before a run (default <see cref="DirectoryChangeSignal.DefaultDebounce"/>).</param>
    public static LocalRefresh Start(
        LocalModelDeployment deployment, IReadOnlyList<LocalRefreshSchedule> schedules, TextWriter output, TimeProvider time, TimeSpan? debounce = null)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(output);
        var refresh = new LocalRefresh(output);
        // A local run reads no Secrets: LocalRefreshSchedule refuses schedules that name one.
        var registry = new RegistryVersions(refresh._http, (_, _, _) => Task.FromResult<V1Secret?>(null));
        foreach (var schedule in schedules)
        {
            DirectoryChangeSignal? signal = null;
            if (schedule.Directory is { } directory)
            {
                try
                {
                    signal = new DirectoryChangeSignal(directory, debounce ?? DirectoryChangeSignal.DefaultDebounce, time);
                    refresh._signals.Add(signal);
                }
                catch (IOException e)
                {
                    // inotify's per-user limits are the usual cause; the schedule still runs at its times.
                    output.WriteLine($"modelship refresh {schedule.Name}: changes in {directory} are not watched ({e.Message}); runs come at scheduled times only");
                }
            }
            var run = new LocalRefreshRun(schedule, deployment, registry, time);
            var loop = new LocalRefreshLoop(schedule, time, signal);
            refresh._loops.Add(Task.Run(() => refresh.LoopAsync(schedule, loop, run), CancellationToken.None));
        }
        return refresh;
    }

    private async Task LoopAsync(LocalRefreshSchedule schedule, LocalRefreshLoop loop, LocalRefreshRun run)
    {
        try
        {
            await loop.RunAsync(async (trigger, cancellationToken) =>
            {
                await _oneRunAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var result = await run.RunAsync(trigger, Stopped, cancellationToken).ConfigureAwait(false);
                    _print(RefreshRunLine.Format(schedule.Name, trigger, result));
                }
                finally
                {
                    _oneRunAtATime.Release();
                }
            }, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private void Stopped(string version) => _print($"modelship: version {version} drained and stopped");

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }
        _http.Dispose();
        _oneRunAtATime.Dispose();
        _stopping.Dispose();
    }
}
