using System.Diagnostics;
using Modelship.EndToEnd.Support;

namespace Modelship.EndToEnd.Monitoring;

/// <summary>Prometheus' own rule checker and rule unit-test runner (Debian package prometheus; hack/install-test-deps.sh installs it).</summary>
public static class Promtool
{
    public static string Path =>
        Environment.GetEnvironmentVariable("MODELSHIP_PROMTOOL") is { Length: > 0 } configured ? configured
        : File.Exists("/usr/bin/promtool") ? "/usr/bin/promtool"
        : throw new FileNotFoundException("promtool not found (set MODELSHIP_PROMTOOL, or install the Debian package prometheus: hack/install-test-deps.sh does)");

    /// <summary>Runs promtool in the repository root; its exit code and everything it printed.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => RunAsync(null, arguments);

    /// <summary><c>promtool check metrics</c> on a Prometheus text exposition (read from its standard input).</summary>
    public static Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition) => RunAsync(exposition, "check", "metrics");

    private static async Task<(int ExitCode, string Output)> RunAsync(string? input, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(Path)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {Path}");
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
