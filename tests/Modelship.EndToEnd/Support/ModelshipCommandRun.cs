using System.Diagnostics;

namespace Modelship.EndToEnd.Support;

/// <summary>What a short-lived <c>modelship</c> command (batch, fetch) did: its exit code and output.</summary>
public sealed record ModelshipCommandRun(int ExitCode, string Output, string Errors)
{
    /// <summary>Runs <c>modelship</c> with <paramref name="arguments"/> to completion, stderr redirected (no progress bar).</summary>
    public static async Task<ModelshipCommandRun> RunAsync(ServingEnvironment environment, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? variables = null)
    {
        var startInfo = new ProcessStartInfo(environment.Executable.FileName)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in environment.Executable.Arguments(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start modelship");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"modelship {string.Join(' ', startInfo.ArgumentList)} did not finish within 2 minutes");
        }
        return new ModelshipCommandRun(process.ExitCode, await output, await errors);
    }

    public override string ToString() => $"exit {ExitCode}\nstdout: {Output}\nstderr: {Errors}";
}
