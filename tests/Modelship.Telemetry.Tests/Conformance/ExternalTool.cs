using System.Diagnostics;
using System.Text;

namespace Modelship.Telemetry.Tests.Conformance;

/// <summary>
/// Finds and runs the real exposition parsers the conformance tests check against. A missing tool fails the test
/// with the Debian package to install; it never skips.
/// </summary>
internal static class ExternalTool
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Debian's python3 (not a pyenv or venv one, which does not see Debian's dist-packages) with prometheus_client.</summary>
    public static string PythonWithPrometheusClient()
    {
        foreach (var candidate in new[] { "/usr/bin/python3", Which("python3") })
        {
            if (candidate is not null && File.Exists(candidate) && Run(candidate, ["-c", "import prometheus_client.parser"], string.Empty).ExitCode == 0)
            {
                return candidate;
            }
        }
        Assert.Fail("No python3 with prometheus_client found: install the Debian package python3-prometheus-client " +
            "(hack/install-test-deps.sh does; by hand: apt-get install -y python3-prometheus-client).");
        throw new UnreachableException();
    }

    public static string Promtool()
    {
        var promtool = Which("promtool");
        if (promtool is null)
        {
            Assert.Fail("promtool not found: install the Debian package prometheus (apt-get install -y --no-install-recommends prometheus).");
        }
        return promtool!;
    }

    public static ToolResult Run(string file, IEnumerable<string> arguments, string standardInput)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(standardInput);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} did not finish within 60 s");
        }
        return new ToolResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}

internal sealed record ToolResult(int ExitCode, string Stdout, string Stderr);
