using System.Net;
using Modelship.TestCluster;

namespace Modelship.EndToEnd.Support;

/// <summary>A <c>modelship</c> process listening on 127.0.0.1; a watchdog kills it if the test host dies first.</summary>
public sealed class ModelshipProcess : IAsyncDisposable
{
    /// <summary>Generous for a shared 2-core machine, where other builds and load run beside the tests.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;

    private ModelshipProcess(ChildProcess process, string description, int port)
    {
        _process = process;
        Description = description;
        BaseAddress = new Uri(Url(port));
    }

    public Uri BaseAddress { get; }

    public string Description { get; }

    public bool HasExited => _process.HasExited;

    public string RecentOutput => _process.RecentOutput;

    public static ModelshipProcess Start(ServingEnvironment environment, int port, params string[] arguments)
    {
        var child = ChildProcess.Start(environment.Executable.FileName, environment.Executable.Arguments(arguments), RepositoryRoot.Path);
        return new ModelshipProcess(child, $"modelship {string.Join(' ', arguments)}", port);
    }

    /// <summary>Starts <c>modelship runtime</c> for one iris model version on <paramref name="port"/> and waits until it is ready.</summary>
    public static async Task<ModelshipProcess> StartRuntimeAsync(ServingEnvironment environment, string version, int port, params string[] extraArguments)
    {
        var runtime = Start(environment, port, ["runtime", "--model", environment.Model(version), "--name", "iris", "--version", version, "--port", $"{port}", .. extraArguments]);
        await runtime.WaitUntilReadyAsync("v2/health/ready");
        return runtime;
    }

    /// <summary>
    /// Starts <c>modelship router</c> in local mode on a table file and waits until it serves a table; its backends
    /// need not be up yet, so it can start beside them.
    /// </summary>
    public static async Task<ModelshipProcess> StartRouterAsync(ServingEnvironment environment, string tablePath, params string[] extraArguments)
    {
        var port = FreePort.Next();
        var router = Start(environment, port, ["router", "--routing-table", tablePath, "--port", $"{port}", .. extraArguments]);
        await router.WaitUntilReadyAsync("v2/health/ready");
        return router;
    }

    /// <summary>The base URL of a server on 127.0.0.1, as routing tables name backends.</summary>
    public static string Url(int port) => $"http://127.0.0.1:{port}/";

    public async Task WaitUntilReadyAsync(string path)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"`{Description}` exited before it was ready:\n{RecentOutput}");
            }
            try
            {
                using var response = await client.GetAsync(new Uri(BaseAddress, path));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"`{Description}` was not ready at {BaseAddress}{path} within {StartTimeout.TotalSeconds} s:\n{RecentOutput}");
    }

    /// <summary>Waits until the process has written <paramref name="text"/> to stdout or stderr.</summary>
    public async Task WaitForOutputAsync(string text)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!RecentOutput.Contains(text, StringComparison.Ordinal))
        {
            if (HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"`{Description}` {(HasExited ? "exited" : $"did not print within {StartTimeout.TotalSeconds} s")} without printing '{text}':\n{RecentOutput}");
            }
            await Task.Delay(100);
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
