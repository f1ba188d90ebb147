using k8s.Models;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout.Checks;

/// <summary>A runtime Pod's container that ended in error, with what it said (its termination message).</summary>
public sealed record ContainerFailure(string Pod, string Container, int ExitCode, int Restarts, string Message)
{
    /// <summary>
    /// A container must fail this many times before the failure fails the replacement: a second failure after the
    /// kubelet restarted it is not a blip (a registry briefly down), and a digest mismatch or unloadable file fails
    /// the same way every time.
    /// </summary>
    public const int FailuresBeforeVerdict = 2;

    /// <summary>
    /// The first container named <paramref name="container"/> (an init container when <paramref name="init"/>) among
    /// <paramref name="pods"/> that has failed <see cref="FailuresBeforeVerdict"/> times: its latest termination has a
    /// non-zero exit code and it was restarted at least once. Null when none has.
    /// </summary>
    public static ContainerFailure? Repeated(IEnumerable<V1Pod> pods, string container, bool init)
    {
        ArgumentNullException.ThrowIfNull(pods);
        foreach (var pod in pods.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            var statuses = init ? pod.Status?.InitContainerStatuses : pod.Status?.ContainerStatuses;
            var status = statuses?.FirstOrDefault(s => s.Name == container);
            // Waiting in back-off, or running again: the failure is in lastState.
            var terminated = status?.State?.Terminated ?? status?.LastState?.Terminated;
            if (status is null || terminated is not { ExitCode: not 0 } || Failures(status) < FailuresBeforeVerdict)
            {
                continue;
            }
            return new ContainerFailure(pod.Metadata.Name ?? "", container, terminated.ExitCode, status.RestartCount, LastLine(terminated.Message) ?? terminated.Reason ?? $"exit code {terminated.ExitCode}");
        }
        return null;
    }

    /// <summary>restartCount counts restarts done; a container not running now has failed once more.</summary>
    private static int Failures(V1ContainerStatus status) => status.RestartCount + (status.State?.Running is null ? 1 : 0);

    /// <summary>
    /// With terminationMessagePolicy FallbackToLogsOnError the message is the log's tail; the error our commands print
    /// is its last line, and a status message should stay short.
    /// </summary>
    private static string? LastLine(string? message)
    {
        var line = message?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return line is null ? null : line.Length <= 512 ? line : line[..512] + "...";
    }
}
