using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Modelship.Api.Runtimes;
using Modelship.Api.V1Alpha1;

namespace Modelship.Cli.LocalRun;

/// <summary>
/// A ServingRuntime's command + args run as a child process for one model version (its image is ignored): started in
/// the directory of the manifest that holds the ServingRuntime, on a free port of 127.0.0.1, and ready once it answers
/// V2 readiness for the version. Stopped with SIGTERM (as a kubelet would), killed when it does not exit in time.
/// </summary>
internal sealed class ProcessLocalRuntime : ILocalRuntime
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private const int OutputLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private bool _stopped;

    private ProcessLocalRuntime(Process process, Uri baseAddress, string version)
    {
        _process = process;
        BaseAddress = baseAddress;
        Version = version;
    }

    public Uri BaseAddress { get; }

    public string Version { get; }

    /// <summary>What the process last wrote (stdout and stderr), for error messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <param name="workingDirectory">The directory of the manifest holding the ServingRuntime.</param>
    public static async Task<ProcessLocalRuntime> StartAsync(
        ServingRuntime runtime, RuntimeSpec? overrides, string modelPath, string modelName, ModelSpec model, string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(model);
        var name = runtime.Metadata.Name;
        if (runtime.Spec.Command is not { Count: > 0 })
        {
            throw new LocalRunException(
                $"ServingRuntime '{name}' has no command: `modelship run` ignores images and starts command + args as a local process");
        }
        var port = FreePort();
        var server = ResolvedServer.From(runtime, overrides, new RuntimePlaceholderValues(modelPath, modelName, model.Version, port, RuntimePlaceholderValues.LocalHost)) with { Port = port };
        var startInfo = new ProcessStartInfo(server.Command![0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in server.Command.Skip(1).Concat(server.Args ?? []))
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment["MODELSHIP_MODEL_DIR"] = modelPath;
        startInfo.Environment["MODELSHIP_MODEL_NAME"] = modelName;
        startInfo.Environment["MODELSHIP_MODEL_VERSION"] = model.Version;
        foreach (var variable in server.Env)
        {
            startInfo.Environment[variable.Name] = variable.Value ?? "";
        }

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new LocalRunException($"ServingRuntime '{name}': could not start {server.Command[0]}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LocalRunException($"ServingRuntime '{name}': could not start '{server.Command[0]}' in {workingDirectory}: {e.Message}", e);
        }
        var local = new ProcessLocalRuntime(process, new Uri($"http://127.0.0.1:{port}/"), model.Version);
        process.OutputDataReceived += (_, line) => local.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => local.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await local.WaitReadyAsync(modelName, model.Version, name, cancellationToken).ConfigureAwait(false);
            return local;
        }
        catch
        {
            await local.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task WaitReadyAsync(string modelName, string version, string? runtimeName, CancellationToken cancellationToken)
    {
        using var exited = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = _process.WaitForExitAsync(exited.Token);
        var ready = RuntimeReadiness.WaitAsync(BaseAddress, modelName, version, exited.Token);
        if (await Task.WhenAny(watch, ready).ConfigureAwait(false) == watch && watch.IsCompletedSuccessfully)
        {
            await exited.CancelAsync().ConfigureAwait(false);
            await IgnoreCancellation(ready).ConfigureAwait(false);
            throw new LocalRunException(
                $"ServingRuntime '{runtimeName}' for version {version} exited with code {_process.ExitCode} before it was ready; its output:\n{RecentOutput}");
        }
        await exited.CancelAsync().ConfigureAwait(false);
        await IgnoreCancellation(watch).ConfigureAwait(false);
        try
        {
            await ready.ConfigureAwait(false);
        }
        catch (LocalRunException e)
        {
            throw new LocalRunException($"ServingRuntime '{runtimeName}': {e.Message}; its output:\n{RecentOutput}", e);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        if (!_process.HasExited)
        {
            Terminate(_process.Id);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A port nothing listens on now; the server binds it a moment later (a race a local run accepts).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// SIGTERM through kill(1): .NET's Process can only SIGKILL, and servers drain on SIGTERM, as they do when a kubelet
    /// stops their pod. Without kill(1) the stop timeout ends in SIGKILL.
    /// </summary>
    private static void Terminate(int pid)
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false });
            kill?.WaitForExit(5000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }
}
