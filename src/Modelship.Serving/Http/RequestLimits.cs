using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Modelship.Serving.Http;

/// <summary>
/// What the router and the runtime accept of a request body, the same for both (a body the router forwards must fit
/// the runtime): its size, and how slowly it may arrive before the request is answered 408.
/// </summary>
public sealed record RequestLimits
{
    public const long DefaultMaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>
    /// How much of a refused body is still read and discarded, so the 413 reaches a client that is still sending:
    /// closing a connection with unread data makes TCP reset it, and the client may lose the answer.
    /// </summary>
    public const long DrainBytes = 1024 * 1024;

    /// <summary>Largest request body accepted; larger ones get 413 with <see cref="TooLargeMessage"/>.</summary>
    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>Slowest a body may arrive once <see cref="BodyGracePeriod"/> has passed (Kestrel's default, 240 bytes/s).</summary>
    public double MinBodyBytesPerSecond { get; init; } = 240;

    /// <summary>Time a body may take before <see cref="MinBodyBytesPerSecond"/> applies; more than 1 s (Kestrel's heartbeat).</summary>
    public TimeSpan BodyGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Null when the limits are usable; else what is wrong, naming the command-line flags.</summary>
    public string? Problem() =>
        MaxBodyBytes <= 0 ? "--max-body-bytes must be positive"
        : MinBodyBytesPerSecond <= 0 ? "--min-body-rate must be positive"
        : BodyGracePeriod <= TimeSpan.FromSeconds(1) ? "--body-grace-period must be more than 1 second"
        : null;

    public string TooLargeMessage() => $"request body exceeds the limit of {MaxBodyBytes} bytes";

    public string TooSlowMessage() =>
        $"request body arrived too slowly: less than {MinBodyBytesPerSecond} bytes/s after the first {BodyGracePeriod.TotalSeconds} s";

    /// <summary>
    /// Kestrel's limits. Its body limit leaves room for <see cref="DrainBytes"/>: the hosts' body readers enforce
    /// <see cref="MaxBodyBytes"/> themselves and drain past it.
    /// </summary>
    public void ApplyTo(KestrelServerLimits limits)
    {
        limits.MaxRequestBodySize = MaxBodyBytes + DrainBytes;
        limits.MinRequestBodyDataRate = new MinDataRate(MinBodyBytesPerSecond, BodyGracePeriod);
    }
}
