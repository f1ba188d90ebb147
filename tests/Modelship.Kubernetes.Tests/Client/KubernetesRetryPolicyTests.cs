using System.Net;
using Modelship.Kubernetes.Client;

namespace Modelship.Kubernetes.Tests.Client;

public sealed class KubernetesRetryPolicyTests
{
    private readonly List<TimeSpan> _delays = [];

    private KubernetesRetryPolicy Policy(int maxAttempts = 4) => new()
    {
        MaxAttempts = maxAttempts,
        InitialBackoff = TimeSpan.FromMilliseconds(100),
        MaxBackoff = TimeSpan.FromMilliseconds(250),
        MaxRetryAfter = TimeSpan.FromSeconds(30),
        Delay = (delay, _) =>
        {
            _delays.Add(delay);
            return Task.CompletedTask;
        },
    };

    private static KubernetesApiException Error(HttpStatusCode code, TimeSpan? retryAfter = null) =>
        new(code, KubernetesApiErrors.ReasonFromStatusCode(code), "boom", retryAfter: retryAfter);

    private static Func<CancellationToken, Task<string>> FailingThenSucceeding(int failures, Func<Exception> error, Counter counter) =>
        _ =>
        {
            counter.Calls++;
            return counter.Calls <= failures ? throw error() : Task.FromResult("ok");
        };

    [Theory]
    [InlineData(ApiVerb.Get)]
    [InlineData(ApiVerb.List)]
    [InlineData(ApiVerb.Apply)]
    [InlineData(ApiVerb.Delete)]
    public async Task Server_errors_are_retried_with_doubling_capped_backoff_for_repeatable_verbs(ApiVerb verb)
    {
        var counter = new Counter();

        var result = await Policy().ExecuteAsync(verb, FailingThenSucceeding(3, () => Error(HttpStatusCode.ServiceUnavailable), counter), CancellationToken.None);

        result.Should().Be("ok");
        counter.Calls.Should().Be(4);
        _delays.Should().Equal(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(250));
    }

    [Theory]
    [InlineData(ApiVerb.Create)]
    [InlineData(ApiVerb.MergePatch)]
    [InlineData(ApiVerb.Replace)]
    public async Task Server_and_network_errors_are_never_retried_for_create_replace_or_merge_patch(ApiVerb verb)
    {
        var counter = new Counter();

        var serverError = () => Policy().ExecuteAsync(verb, FailingThenSucceeding(1, () => Error(HttpStatusCode.InternalServerError), counter), CancellationToken.None);
        await serverError.Should().ThrowAsync<KubernetesApiException>();

        var networkError = () => Policy().ExecuteAsync(verb, FailingThenSucceeding(2, () => new HttpRequestException("connection reset"), counter), CancellationToken.None);
        await networkError.Should().ThrowAsync<HttpRequestException>();

        counter.Calls.Should().Be(2);
        _delays.Should().BeEmpty();
    }

    [Fact]
    public async Task Network_errors_and_timeouts_are_retried_for_get()
    {
        var counter = new Counter();
        var errors = new Queue<Exception>([new HttpRequestException("refused"), new TimeoutException("slow")]);

        var result = await Policy().ExecuteAsync(ApiVerb.Get, FailingThenSucceeding(2, errors.Dequeue, counter), CancellationToken.None);

        result.Should().Be("ok");
        _delays.Should().HaveCount(2);
    }

    [Theory]
    [InlineData(ApiVerb.Create)]
    [InlineData(ApiVerb.Get)]
    public async Task Too_many_requests_waits_for_retry_after_even_for_create(ApiVerb verb)
    {
        var counter = new Counter();

        var result = await Policy().ExecuteAsync(
            verb, FailingThenSucceeding(1, () => Error(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(3)), counter), CancellationToken.None);

        result.Should().Be("ok");
        _delays.Should().Equal(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Retry_after_is_capped()
    {
        var counter = new Counter();

        await Policy().ExecuteAsync(
            ApiVerb.Get, FailingThenSucceeding(1, () => Error(HttpStatusCode.TooManyRequests, TimeSpan.FromHours(2)), counter), CancellationToken.None);

        _delays.Should().Equal(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public async Task Client_errors_are_not_retried(HttpStatusCode code)
    {
        var counter = new Counter();

        var act = () => Policy().ExecuteAsync(ApiVerb.Get, FailingThenSucceeding(1, () => Error(code), counter), CancellationToken.None);

        await act.Should().ThrowAsync<KubernetesApiException>();
        counter.Calls.Should().Be(1);
    }

    [Fact]
    public async Task Gives_up_after_max_attempts_with_the_last_error()
    {
        var counter = new Counter();

        var act = () => Policy(maxAttempts: 3).ExecuteAsync(ApiVerb.Get, FailingThenSucceeding(10, () => Error(HttpStatusCode.BadGateway), counter), CancellationToken.None);

        (await act.Should().ThrowAsync<KubernetesApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        counter.Calls.Should().Be(3);
    }

    [Fact]
    public async Task Cancellation_stops_retrying()
    {
        using var cts = new CancellationTokenSource();
        var counter = new Counter();
        var policy = Policy();
        Func<CancellationToken, Task<string>> attempt = _ =>
        {
            counter.Calls++;
            cts.Cancel();
            throw Error(HttpStatusCode.ServiceUnavailable);
        };

        var act = () => policy.ExecuteAsync(ApiVerb.Get, attempt, cts.Token);

        await act.Should().ThrowAsync<KubernetesApiException>();
        counter.Calls.Should().Be(1);
    }

    private sealed class Counter
    {
        public int Calls { get; set; }
    }
}
