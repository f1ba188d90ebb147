using System.Diagnostics;
using System.Text;

namespace Modelship.IntegrationTests.Infrastructure;

/// <summary>
/// Runs the real <c>modelship</c> executable (built next to the test assembly by the project reference to
/// Modelship.Cli) to completion, as a container would run it, and returns its exit code and what it printed.
/// </summary>
public static class ModelshipExecutable
{
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var directory = AppContext.BaseDirectory;
        var dll = Path.Combine(directory, "modelship.dll");
        var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var host = !string.IsNullOrEmpty(fromCli) && File.Exists(fromCli) ? fromCli : "dotnet";
        var start = File.Exists(dll) ? new ProcessStartInfo(host) : new ProcessStartInfo(Path.Combine(directory, "modelship"));
        if (File.Exists(dll))
        {
            start.ArgumentList.Add(dll);
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["ORT_DISABLE_TELEMETRY"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start modelship");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"modelship {string.Join(' ', start.ArgumentList)} did not exit within {timeout}");
        }
        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }
}
