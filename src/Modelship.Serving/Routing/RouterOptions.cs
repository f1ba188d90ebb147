using System.Net;
using Modelship.Serving.InferenceLog;

namespace Modelship.Serving.Routing;

/// <summary>How a router listens and forwards.</summary>
public sealed record RouterOptions
{
    /// <summary>Address to listen on.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>Port to listen on; 0 picks a free port (see <see cref="RouterHost.BaseAddress"/>).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>Time a backend has for a whole exchange before the caller gets 504.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Largest request body accepted; larger ones get 413.</summary>
    public long MaxBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Mirrored requests waiting for shadows before new ones are dropped.</summary>
    public int ShadowQueueCapacity { get; init; } = 1024;

    /// <summary>Mirrored requests in flight to shadows at once.</summary>
    public int ShadowConcurrency { get; init; } = 8;

    /// <summary>Where the inference log goes; without a directory nothing is logged, whatever the table asks.</summary>
    public InferenceLogOptions InferenceLog { get; init; } = new();
}
