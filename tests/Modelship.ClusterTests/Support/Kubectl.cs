using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Modelship.ClusterTests.Support;

/// <summary>What a finished command printed and returned.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>kubectl against the cluster's admin kubeconfig, as a user would drive it.</summary>
public sealed class Kubectl(string kubeconfig)
{
    public const string Path = "kubectl";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public string Kubeconfig => kubeconfig;

    public Task<CommandResult> TryRunAsync(params string[] arguments) => RunCommandAsync(null, arguments);

    /// <summary>Runs kubectl and fails the test when it exits non-zero.</summary>
    public async Task<string> RunAsync(params string[] arguments)
    {
        var result = await RunCommandAsync(null, arguments);
        result.ExitCode.Should().Be(0, $"kubectl {string.Join(' ', arguments)} fails:\n{result}");
        return result.Stdout;
    }

    /// <summary>`kubectl apply -f -` with <paramref name="manifest"/> on stdin.</summary>
    public async Task ApplyAsync(string manifest, params string[] extra)
    {
        var result = await RunCommandAsync(manifest, ["apply", "-f", "-", .. extra]);
        result.ExitCode.Should().Be(0, $"kubectl apply fails for\n{manifest}\n{result}");
    }

    public async Task<JsonNode> GetJsonAsync(params string[] arguments) => JsonNode.Parse(await RunAsync(["get", .. arguments, "-o", "json"]))!;

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<JsonNode?> TryGetJsonAsync(params string[] arguments)
    {
        var result = await RunCommandAsync(null, ["get", .. arguments, "-o", "json", "--ignore-not-found"]);
        result.ExitCode.Should().Be(0, result.ToString());
        return result.Stdout.Trim().Length == 0 ? null : JsonNode.Parse(result.Stdout);
    }

    public ProcessStartInfo StartInfo(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    private async Task<CommandResult> RunCommandAsync(string? stdin, string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments)) ?? throw new InvalidOperationException("could not start kubectl");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }
        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', arguments)} did not finish within {Timeout}");
        }
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }
}
