using System.Net;
using Modelship.Serving.Auth;
using Modelship.Serving.Http;
using Modelship.Serving.InferenceLog;

namespace Modelship.Serving.Routing;

/// <summary>How a router listens and forwards.</summary>
public sealed record RouterOptions
{
    /// <summary>Address to listen on.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>Port to listen on; 0 picks a free port (see <see cref="RouterHost.BaseAddress"/>).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>
    /// Port of the Open Inference Protocol over gRPC (cleartext HTTP/2, its own port: see Grpc/README.md); null: no
    /// gRPC; 0 picks a free port (see <see cref="RouterHost.GrpcAddress"/>).
    /// </summary>
    public int? GrpcPort { get; init; }

    /// <summary>Time a backend has for a whole exchange before the caller gets 504.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Body size and arrival rate limits, the runtime's too.</summary>
    public RequestLimits Limits { get; init; } = new();

    /// <summary>Mirrored requests waiting for shadows before new ones are dropped.</summary>
    public int ShadowQueueCapacity { get; init; } = 1024;

    /// <summary>Answered requests waiting for the drift monitor before new ones are dropped (only with <c>monitoring.drift</c>).</summary>
    public int DriftQueueCapacity { get; init; } = 1024;

    /// <summary>Mirrored requests in flight to shadows at once.</summary>
    public int ShadowConcurrency { get; init; } = 8;

    /// <summary>
    /// Runs each request's code on the socket event thread that read it instead of handing it to the thread pool
    /// (Kestrel's <c>UnsafePreferInlineScheduling</c>). The router's request path never blocks (bodies and backends are
    /// awaited, shadows and log lines are queued without waiting), so the hand-offs are pure cost: with inline socket
    /// completions as well (<see cref="InlineCompletionsVariable"/>) the router measured half the CPU per request and
    /// 0.08 ms less at p50 (docs/benchmarks.md).
    /// </summary>
    public bool InlineScheduling { get; init; } = true;

    /// <summary>
    /// The environment variable that makes .NET run socket completions on the event thread; read once per process,
    /// before the first socket, so <c>modelship router</c> and <c>modelship run</c> set it at start.
    /// </summary>
    public const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// On stop, how long every answer carries <c>Connection: close</c> before the server stops. A client then leaves its
    /// kept-alive connection after a complete answer, instead of sending its next request into a socket the stopping
    /// server is closing (that request would fail: HTTP/1.1 clients do not retry a POST). Zero: stop at once.
    /// </summary>
    public TimeSpan ConnectionCloseTime { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Where the actuals join keeps its predictions (append-only segment files); without it, the <c>actuals</c>
    /// directory under the inference log's directory, and without either, actuals are off (POST .../actuals is 404).
    /// </summary>
    public string? MonitoringDirectory { get; init; }

    /// <summary>The clock of the service stats' minute buckets and of the actuals join (tests inject one).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;


    /// <summary>Where the inference log goes; without a directory nothing is logged, whatever the table asks.</summary>
    public InferenceLogOptions InferenceLog { get; init; } = new();

    /// <summary>Bearer-token authentication from token directories; off by default.</summary>
    public AuthOptions Auth { get; init; } = new();
}
