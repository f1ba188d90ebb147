using System.Globalization;
using Modelship.Serving.Batch;
using Spectre.Console;

namespace Modelship.Cli.Batch;

/// <summary>
/// Shows a run's progress on stderr: a progress bar (Spectre.Console) when stderr is a terminal, else a plain line at
/// most every <c>interval</c> (a Job's log, CI) and one at the end. Stdout keeps only the summary.
/// </summary>
public sealed class BatchProgressDisplay
{
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private long _total;
    private BatchProgress? _latest;
    private DateTimeOffset _lastLine = DateTimeOffset.MinValue;

    public BatchProgressDisplay(TimeSpan interval, TimeProvider? time = null)
    {
        _interval = interval;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Runs <paramref name="run"/> with a progress bar when stderr is a terminal, plain lines otherwise.</summary>
    public async Task<T> ShowAsync<T>(Func<Action<BatchProgress>, Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (Console.IsErrorRedirected)
        {
            var result = await run(ReportLine).ConfigureAwait(false);
            if (_latest is { } last)
            {
                // A run that failed before reading its input has no progress to report; its summary says why.
                Console.Error.WriteLine(Line(last));
            }
            return result;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("rows", maxValue: 1);
                var result = await run(p =>
                {
                    task.MaxValue = Math.Max(p.Total, 1);
                    task.Value = p.Done;
                    task.Description = $"{p.Done}/{p.Total} rows, {p.Failed} failed";
                }).ConfigureAwait(false);
                task.Value = task.MaxValue;
                return result;
            }).ConfigureAwait(false);
    }

    private void ReportLine(BatchProgress progress)
    {
        _latest = progress;
        _total = progress.Total;
        var now = _time.GetUtcNow();
        if (now - _lastLine >= _interval || progress.Done == _total)
        {
            _lastLine = now;
            if (progress.Done < _total)
            {
                Console.Error.WriteLine(Line(progress));
            }
        }
    }

    public static string Line(BatchProgress progress) => string.Create(CultureInfo.InvariantCulture,
        $"batch: {progress.Done}/{progress.Total} rows ({(progress.Total == 0 ? 100 : 100.0 * progress.Done / progress.Total):0}%), {progress.Failed} failed");
}
