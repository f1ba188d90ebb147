using Modelship.Serving.Auth;
using Modelship.Serving.Http;

namespace Modelship.Cli.LocalRun;

public sealed record LocalRunOptions
{
    /// <summary>The router's port on 127.0.0.1; runtimes take free ports.</summary>
    public int Port { get; init; } = 8080;

    /// <summary>The router's gRPC port on 127.0.0.1 (Open Inference Protocol over gRPC); null: none. Runtimes serve REST only.</summary>
    public int? GrpcPort { get; init; }

    /// <summary>Request body limits of the router and of every runtime.</summary>
    public RequestLimits Limits { get; init; } = new();

    /// <summary>
    /// How long a replaced champion's runtime keeps serving after the router's table no longer names it, for the
    /// requests that read the previous table; then it stops gracefully (<see cref="RuntimeDrain"/>).
    /// </summary>
    public TimeSpan DrainDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Where the router writes the inference log (read it with <c>GET /v2/logs</c> or <c>modelship logs export</c>);
    /// null turns it off. The default is a new temporary directory per run: two routers must never append to one
    /// file, and a local run should not litter the working tree.
    /// </summary>
    public string? LogDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "modelship", "inference-logs", Guid.NewGuid().ToString("N")[..12]);

    /// <summary>
    /// Bearer tokens the router asks of callers (<c>--auth-token-dir</c>, <c>--admin-token-dir</c>); a manifest's
    /// spec.auth names Secrets, which a local run has none of. Only the router the caller talks to checks them: the
    /// routers of ModelDeployments a local Pipeline calls stay open to it.
    /// </summary>
    public AuthOptions Auth { get; init; } = new();

    /// <summary>
    /// The ServingRuntimes of the manifests, with the file each came from: versions that use one run its command as a
    /// local process in that file's directory (<see cref="LocalRuntimeLauncher"/>).
    /// </summary>
    public IReadOnlyList<ManifestDocument<Api.V1Alpha1.ServingRuntime>> ServingRuntimes { get; init; } = [];
}
