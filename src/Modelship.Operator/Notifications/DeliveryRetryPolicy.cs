using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Modelship.Operator.Notifications;

/// <summary>
/// How a webhook call is retried: at most <see cref="MaxAttempts"/> attempts, each limited to
/// <see cref="AttemptTimeout"/>, with exponential backoff between them (1 s, 2 s, 4 s, 8 s by default, never more than
/// <see cref="MaxDelay"/>). Retried: connection errors, timeouts, 408, 429 and 5xx; any other answer is final.
/// </summary>
public sealed record DeliveryRetryPolicy
{
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before retry number <paramref name="retry"/> (0 for the wait after the first attempt).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retry);
        var delay = FirstDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30));
        return TimeSpan.FromMilliseconds(Math.Min(delay, MaxDelay.TotalMilliseconds));
    }

    /// <summary>Whether an answer is worth another attempt.</summary>
    public static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    public ResiliencePipeline<HttpStatusCode> Build(TimeProvider? time = null)
    {
        var builder = new ResiliencePipelineBuilder<HttpStatusCode>();
        if (time is not null)
        {
            builder.TimeProvider = time;
        }
        if (MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpStatusCode>
            {
                MaxRetryAttempts = MaxAttempts - 1,
                ShouldHandle = new PredicateBuilder<HttpStatusCode>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(IsRetryable),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(DelayBefore(args.AttemptNumber)),
            });
        }
        return builder.AddTimeout(AttemptTimeout).Build();
    }
}
