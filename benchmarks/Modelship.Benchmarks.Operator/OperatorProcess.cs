using System.Diagnostics;
using System.Globalization;

namespace Modelship.Benchmarks.Operator;

/// <summary>`modelship operator` as a child process with the given environment; killed when disposed.</summary>
internal sealed class OperatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private OperatorProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public static OperatorProcess Start(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var isDll = executable.EndsWith(".dll", StringComparison.Ordinal);
        var startInfo = new ProcessStartInfo(isDll ? "dotnet" : executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (isDll)
        {
            startInfo.ArgumentList.Add(executable);
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {executable}");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => WriteLine(log, e.Data);
        process.ErrorDataReceived += (_, e) => WriteLine(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.Exited += (_, _) => log.Dispose();
        process.EnableRaisingEvents = true;
        return new OperatorProcess(process);
    }

    /// <summary>Resident set size from /proc/&lt;pid&gt;/status (VmRSS), in MiB.</summary>
    public double ResidentMebibytes() => StatusMebibytes("VmRSS");

    /// <summary>A size field of /proc/&lt;pid&gt;/status (VmRSS, RssAnon, RssFile, ...), in MiB.</summary>
    public double StatusMebibytes(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var kib = long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kib / 1024.0;
            }
        }

        throw new InvalidOperationException($"{field} not found");
    }

    /// <summary>
    /// Resident MiB per mapping from /proc/&lt;pid&gt;/smaps, largest first: file-backed mappings by file name (the
    /// executable, shared libraries, framework assemblies), JIT output (memfd:doublemapper), the rest as "anonymous".
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, double>> ResidentMebibytesByMapping()
    {
        var kibByName = new Dictionary<string, long>(StringComparer.Ordinal);
        var name = "anonymous";
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/smaps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && fields[0].Contains('-', StringComparison.Ordinal) && !fields[0].EndsWith(':'))
            {
                // "start-end perms offset dev inode [path]": a new mapping.
                var path = fields.Length >= 6 ? string.Join(' ', fields[5..]) : "";
                name = path switch
                {
                    "" or "[heap]" or "[stack]" => "anonymous",
                    _ when path.StartsWith("/memfd:doublemapper", StringComparison.Ordinal) => "JIT code (memfd:doublemapper)",
                    _ when path.StartsWith('[') => path,
                    _ => Path.GetFileName(path),
                };
            }
            else if (fields.Length >= 2 && fields[0] == "Rss:")
            {
                kibByName[name] = kibByName.GetValueOrDefault(name) + long.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        return [.. kibByName
            .OrderByDescending(entry => entry.Value)
            .Select(entry => KeyValuePair.Create(entry.Key, entry.Value / 1024.0))];
    }

    /// <summary>SIGTERM, as Kubernetes stops a pod; the exit code, or null when it had to be killed.</summary>
    public async Task<int?> StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return _process.ExitCode;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().ConfigureAwait(false);
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
