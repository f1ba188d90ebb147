using Modelship.Api.V1Alpha1;

namespace Modelship.Cli.LocalRun.Refresh;

/// <summary>The one line `modelship run` prints per run of a RefreshSchedule: what started it, the version, the result, every check.</summary>
public static class RefreshRunLine
{
    public static string Format(string schedule, RefreshTrigger trigger, RefreshRun run)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(run);
        var version = run.Version is null ? "" : $" version {run.Version}";
        var checks = run.Checks is { Count: > 0 } list
            ? $" | checks: {string.Join("; ", list.Select(c => $"{c.Verdict} {c.Message}"))}"
            : "";
        return $"modelship refresh {schedule} ({trigger}): {run.Result}{version}: {run.Message}{checks}";
    }
}
