using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Modelship.IntegrationTests.Infrastructure;

/// <summary>
/// A <c>modelship operator</c> process (the executable the project reference to Modelship.Cli builds next to the test
/// assembly) on the test cluster's kubeconfig, serving <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> on a port
/// of 127.0.0.1 it picks itself. It can be stopped as a crash stops it (SIGKILL) or as Kubernetes does (SIGTERM); a
/// watchdog shell kills it if the test host dies first, and <see cref="DisposeAsync"/> kills it whatever the test did.
/// </summary>
public sealed partial class OperatorProcess : IAsyncDisposable
{
    /// <summary>Generous for a shared 2-core machine, where builds and other tests run beside this one.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Process _watchdog;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly StringBuilder _output = new();
    private readonly object _outputLock = new();
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OperatorProcess(Process process, Process watchdog, string identity)
    {
        _process = process;
        _watchdog = watchdog;
        Identity = identity;
        Id = process.Id;
    }

    public string Identity { get; }

    public int Id { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote to stdout and stderr (the last 256 KB).</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>modelship operator --leader-elect</c> with the ConfigMap echo controller in Annotate mode, watching
    /// <paramref name="watchNamespace"/>; <paramref name="extraArguments"/> follow (and may override) the defaults.
    /// </summary>
    public static OperatorProcess Start(
        string kubeconfig, string watchNamespace, string leaseName, string identity, LeaseTimings timings, params string[] extraArguments)
    {
        string[] arguments =
        [
            "operator",
            "--kubeconfig", kubeconfig,
            "--metrics-address", "127.0.0.1:0",
            "--health-address", "127.0.0.1:0",
            "--leader-elect", "true",
            "--lease-namespace", watchNamespace,
            "--lease-name", leaseName,
            "--identity", identity,
            "--lease-duration-seconds", Seconds(timings.LeaseDuration),
            "--renew-deadline-seconds", Seconds(timings.RenewDeadline),
            "--retry-period-seconds", Seconds(timings.RetryPeriod),
            "--watch-namespace", watchNamespace,
            "--shutdown-timeout-seconds", "5",
            "--test-echo-controller", "Annotate",
            .. extraArguments,
        ];
        var (fileName, leading) = Executable();
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in leading.Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {fileName}");
        var child = new OperatorProcess(process, StartWatchdog(Environment.ProcessId, process.Id), identity);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => child._address.TrySetException(
            new InvalidOperationException($"{child} exited with code {process.ExitCode} before it listened:\n{child.Output}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until the process listens (its start line names the port) and <c>/readyz</c> answers 200 (caches synced).</summary>
    public async Task WaitUntilReadyAsync()
    {
        var address = await _address.Task.WaitAsync(StartTimeout).ConfigureAwait(false);
        await WaitForAsync(
            async () =>
            {
                try
                {
                    using var response = await _http.GetAsync(new Uri(address, "readyz")).ConfigureAwait(false);
                    return response.IsSuccessStatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            },
            StartTimeout,
            "/readyz answers 200").ConfigureAwait(false);
    }

    /// <summary>The <c>modelship_leader{lease}</c> gauge from the process's <c>/metrics</c>.</summary>
    public async Task<int> LeaderGaugeAsync(string leaseName)
    {
        var metrics = await MetricsAsync().ConfigureAwait(false);
        var match = Regex.Match(metrics, $"^modelship_leader\\{{lease=\"{Regex.Escape(leaseName)}\"\\}} (\\d+)", RegexOptions.Multiline);
        return match.Success
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"no modelship_leader series for {leaseName} on {Identity}:\n{metrics}");
    }

    /// <summary>The sum of <c>modelship_reconcile_total</c> of <paramref name="controller"/> over all results.</summary>
    public async Task<long> ReconcileCountAsync(string controller)
    {
        var metrics = await MetricsAsync().ConfigureAwait(false);
        return ReconcileTotal().Matches(metrics)
            .Where(m => m.Groups["controller"].Value == controller)
            .Sum(m => long.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
    }

    public async Task<string> MetricsAsync()
    {
        var address = await _address.Task.WaitAsync(StartTimeout).ConfigureAwait(false);
        return await _http.GetStringAsync(new Uri(address, "metrics")).ConfigureAwait(false);
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash or a lost node would: nothing runs on its way out.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Sends SIGTERM, as the kubelet does when a pod is deleted; the process shuts down gracefully.</summary>
    public async Task TerminateAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        var startInfo = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add($"kill -TERM {Id}");
        using var kill = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start kill");
        await kill.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Waits until the process exits; its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"operator {Identity} did not exit within {timeout}:\n{Output}");
        }

        // The parameterless wait also waits for the end of the redirected output, so Output is complete.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        if (!_watchdog.HasExited)
        {
            _watchdog.Kill();
        }

        _process.Dispose();
        _watchdog.Dispose();
        _http.Dispose();
    }

    public override string ToString() => $"operator {Identity} (pid {Id})";

    private static Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) => Eventually.HoldsAsync(condition, timeout, what);

    /// <summary>modelship.dll run by the dotnet host (which needs no DOTNET_ROOT), or the apphost when there is no dll.</summary>
    private static (string FileName, string[] LeadingArguments) Executable()
    {
        var directory = AppContext.BaseDirectory;
        var dll = Path.Combine(directory, "modelship.dll");
        if (File.Exists(dll))
        {
            var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            var current = Environment.ProcessPath;
            var host = !string.IsNullOrEmpty(fromCli) && File.Exists(fromCli) ? fromCli
                : current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current
                : "dotnet";
            return (host, [dll]);
        }

        var apphost = Path.Combine(directory, "modelship");
        return File.Exists(apphost)
            ? (apphost, [])
            : throw new InvalidOperationException($"neither modelship.dll nor the modelship apphost is in {directory}; the project reference to Modelship.Cli builds them");
    }

    private static Process StartWatchdog(int parentId, int childId)
    {
        var script = $"while kill -0 {parentId} 2>/dev/null && kill -0 {childId} 2>/dev/null; do sleep 0.5; done; kill -9 {childId} 2>/dev/null; exit 0";
        var startInfo = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(script);
        return Process.Start(startInfo) ?? throw new InvalidOperationException("could not start the watchdog shell");
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("""^modelship_reconcile_total\{controller="(?<controller>[^"]*)",result="[^"]*"\} (?<value>\d+)""", RegexOptions.Multiline)]
    private static partial Regex ReconcileTotal();

    [GeneratedRegex(@"listening on (?<address>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex ListeningOn();

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (!_address.Task.IsCompleted && ListeningOn().Match(line) is { Success: true } listening)
        {
            _address.TrySetResult(new Uri(listening.Groups["address"].Value));
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
            if (_output.Length > 256_000)
            {
                _output.Remove(0, _output.Length - 128_000);
            }
        }
    }
}

/// <summary>The leader-election timings an operator process is started with.</summary>
public sealed record LeaseTimings(TimeSpan LeaseDuration, TimeSpan RenewDeadline, TimeSpan RetryPeriod);
