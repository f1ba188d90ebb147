using System.Diagnostics;
using System.Text;

namespace Modelship.TestCluster;

/// <summary>
/// A server process that dies with us: a watchdog shell kills it when this process goes away, even when the
/// test run is cancelled or killed, so no etcd or kube-apiserver outlives `make test`.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Process _watchdog;
    private readonly StringBuilder _output = new();
    private readonly object _outputLock = new();

    private ChildProcess(Process process, Process watchdog)
    {
        _process = process;
        _watchdog = watchdog;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote to stdout and stderr, for error messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_outputLock)
            {
                var text = _output.ToString();
                return text.Length > 4000 ? text[^4000..] : text;
            }
        }
    }

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {fileName}");
        var watchdog = StartWatchdog(Environment.ProcessId, process.Id);
        var child = new ChildProcess(process, watchdog);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash or a lost node would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        if (!_watchdog.HasExited)
        {
            _watchdog.Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process.Dispose();
        _watchdog.Dispose();
    }

    private static Process StartWatchdog(int parentId, int childId)
    {
        var script = $"while kill -0 {parentId} 2>/dev/null && kill -0 {childId} 2>/dev/null; do sleep 0.5; done; kill -9 {childId} 2>/dev/null; exit 0";
        var startInfo = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(script);
        return Process.Start(startInfo) ?? throw new InvalidOperationException("could not start the watchdog shell");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
            if (_output.Length > 64_000)
            {
                _output.Remove(0, _output.Length - 16_000);
            }
        }
    }
}
