using System.Net;
using Modelship.Operator.Notifications;
using Polly.Timeout;

namespace Modelship.Operator.Tests.Notifications;

public sealed class DeliveryRetryPolicyTests
{
    [Fact]
    public void Backoff_doubles_from_one_second_up_to_thirty()
    {
        var policy = new DeliveryRetryPolicy();
        Enumerable.Range(0, 7).Select(policy.DelayBefore).Select(d => d.TotalSeconds).Should().Equal(1, 2, 4, 8, 16, 30, 30);
        policy.MaxAttempts.Should().Be(5);
        policy.AttemptTimeout.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.OK, false)]
    public void Only_transient_answers_are_retried(HttpStatusCode status, bool retried) =>
        DeliveryRetryPolicy.IsRetryable(status).Should().Be(retried);

    private static readonly DeliveryRetryPolicy Fast = new() { FirstDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(4), AttemptTimeout = TimeSpan.FromSeconds(5) };

    private static async Task<(HttpStatusCode Status, int Attempts)> RunAsync(DeliveryRetryPolicy policy, Func<int, HttpStatusCode> answer)
    {
        var attempts = 0;
        var status = await policy.Build().ExecuteAsync(_ => ValueTask.FromResult(answer(++attempts)));
        return (status, attempts);
    }

    [Fact]
    public async Task Two_failures_then_success_takes_three_attempts()
    {
        var (status, attempts) = await RunAsync(Fast, n => n <= 2 ? HttpStatusCode.InternalServerError : HttpStatusCode.NoContent);
        status.Should().Be(HttpStatusCode.NoContent);
        attempts.Should().Be(3);
    }

    [Fact]
    public async Task A_receiver_that_stays_down_gets_max_attempts_and_no_more()
    {
        var (status, attempts) = await RunAsync(Fast, _ => HttpStatusCode.ServiceUnavailable);
        status.Should().Be(HttpStatusCode.ServiceUnavailable);
        attempts.Should().Be(5);
    }

    [Fact]
    public async Task A_client_error_is_final()
    {
        var (status, attempts) = await RunAsync(Fast, _ => HttpStatusCode.Forbidden);
        status.Should().Be(HttpStatusCode.Forbidden);
        attempts.Should().Be(1);
    }

    [Fact]
    public async Task Connection_errors_are_retried()
    {
        var attempts = 0;
        var status = await Fast.Build().ExecuteAsync(_ => ++attempts < 3 ? throw new HttpRequestException("connection refused") : ValueTask.FromResult(HttpStatusCode.OK));
        status.Should().Be(HttpStatusCode.OK);
        attempts.Should().Be(3);
    }

    [Fact]
    public async Task Each_attempt_is_cut_at_the_attempt_timeout()
    {
        var policy = Fast with { MaxAttempts = 2, AttemptTimeout = TimeSpan.FromMilliseconds(50) };
        var attempts = 0;
        var call = async () => await policy.Build().ExecuteAsync(async token =>
        {
            attempts++;
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            return HttpStatusCode.OK;
        });
        await call.Should().ThrowAsync<TimeoutRejectedException>();
        attempts.Should().Be(2);
    }
}
