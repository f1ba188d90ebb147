using System.Diagnostics;

namespace Modelship.IntegrationTests.Cli;

/// <summary>
/// A `modelship` client command run as a process (the executable the project reference to Modelship.Cli builds next to
/// the test assembly), as a person or a script runs it: its exit code, stdout and stderr.
/// </summary>
public sealed record CliRun(int ExitCode, string Output, string Errors)
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static async Task<CliRun> RunAsync(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "modelship.dll"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        // Only what is on the command line decides which cluster is asked.
        startInfo.Environment.Remove("KUBECONFIG");
        startInfo.Environment["HOME"] = Path.GetTempPath();
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start modelship");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"modelship {string.Join(' ', arguments)} did not finish within {Limit}");
        }
        return new CliRun(process.ExitCode, await output, await errors);
    }

    public override string ToString() => $"exit {ExitCode}\nstdout: {Output}\nstderr: {Errors}";

    private static string DotnetHost()
    {
        var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromCli) && File.Exists(fromCli))
        {
            return fromCli;
        }
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
