using System.Net;

namespace Modelship.Kubernetes.Client;

/// <summary>
/// Retries of one request. 429 Too Many Requests is retried for every verb after the server's Retry-After (the
/// server rejected the request without acting on it). 5xx answers, timeouts and network errors are retried with
/// exponential backoff only for GET, LIST, server-side apply and DELETE: repeating them converges to the same state.
/// POST create, PUT replace and merge patches are never repeated, because the first attempt may have been applied
/// and its answer lost; a repeat would then fail with AlreadyExists/Conflict or patch twice.
/// </summary>
public sealed class KubernetesRetryPolicy
{
    public static KubernetesRetryPolicy Default { get; } = new();

    public static KubernetesRetryPolicy None { get; } = new() { MaxAttempts = 1 };

    /// <summary>Attempts in total, the first one included.</summary>
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Upper bound on a server-requested Retry-After, so a bad header cannot stall a caller for hours.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How to wait; replace in tests to observe delays without sleeping.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = (delay, ct) => Task.Delay(delay, ct);

    public static bool IsRepeatable(ApiVerb verb) => verb is ApiVerb.Get or ApiVerb.List or ApiVerb.Apply or ApiVerb.Delete;

    public async Task<T> ExecuteAsync<T>(
        ApiVerb verb,
        Func<CancellationToken, Task<T>> attempt,
        CancellationToken cancellationToken,
        Action<int, TimeSpan, Exception>? onRetry = null)
    {
        var backoff = new ExponentialBackoff(InitialBackoff, MaxBackoff);
        for (var attemptNumber = 1; ; attemptNumber++)
        {
            try
            {
                return await attempt(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attemptNumber < MaxAttempts && !cancellationToken.IsCancellationRequested
                                       && RetryDelay(verb, ex, backoff) is { } delay)
            {
                onRetry?.Invoke(attemptNumber, delay, ex);
                await Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The delay before the next attempt, or null when the failure must not be retried.</summary>
    public TimeSpan? RetryDelay(ApiVerb verb, Exception exception, ExponentialBackoff backoff)
    {
        switch (exception)
        {
            case KubernetesApiException api when api.IsTooManyRequests:
                return Min(api.RetryAfter ?? backoff.Next(), MaxRetryAfter);
            case KubernetesApiException api when IsTransientStatus(api.StatusCode) && IsRepeatable(verb):
                var wait = backoff.Next();
                return api.RetryAfter is { } retryAfter && retryAfter > wait ? Min(retryAfter, MaxRetryAfter) : wait;
            case KubernetesApiException:
                return null;
            case HttpRequestException or IOException or TimeoutException when IsRepeatable(verb):
                return backoff.Next();
            default:
                return null;
        }
    }

    private static bool IsTransientStatus(HttpStatusCode code) =>
        code is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.GatewayTimeout;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
