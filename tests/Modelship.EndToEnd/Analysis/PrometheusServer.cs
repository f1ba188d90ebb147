using System.Diagnostics;
using System.Globalization;
using Modelship.TestCluster;

namespace Modelship.EndToEnd.Analysis;

/// <summary>
/// A real Prometheus server (Debian prometheus 2.42, /usr/bin/prometheus; hack/install-test-deps.sh installs it) on
/// 127.0.0.1, scraping the given targets every second, with its data in a temporary directory removed on dispose.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private PrometheusServer(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
    }

    public Uri Address { get; }

    public static string Executable =>
        Environment.GetEnvironmentVariable("MODELSHIP_PROMETHEUS") is { Length: > 0 } configured ? configured
        : File.Exists("/usr/bin/prometheus") ? "/usr/bin/prometheus"
        : throw new FileNotFoundException("prometheus not found (set MODELSHIP_PROMETHEUS, or install the Debian package prometheus: hack/install-test-deps.sh does)");

    /// <param name="jobs">Job name and the host:port targets whose /metrics it scrapes.</param>
    public static async Task<PrometheusServer> StartAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> jobs)
    {
        var directory = Directory.CreateTempSubdirectory("modelship-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, Config(jobs));
        var port = FreePort.Next();
        var startInfo = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address=127.0.0.1:{port}"])
        {
            startInfo.ArgumentList.Add(argument);
        }
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start prometheus");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}"));
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>The configuration: every job scraped every second.</summary>
    public static string Config(IReadOnlyDictionary<string, IReadOnlyList<string>> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var text = "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n";
        foreach (var (job, targets) in jobs)
        {
            text += string.Create(CultureInfo.InvariantCulture,
                $"  - job_name: {job}\n    scrape_interval: 1s\n    scrape_timeout: 1s\n    static_configs:\n      - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]\n");
        }
        return text;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(Address, "/-/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"prometheus did not become ready at {Address} (exited: {_process.HasExited})");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
