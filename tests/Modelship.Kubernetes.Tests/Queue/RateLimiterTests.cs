using Modelship.Kubernetes.Queue;

namespace Modelship.Kubernetes.Tests.Queue;

public sealed class RateLimiterTests
{
    [Fact]
    public void Backoff_doubles_from_5ms_and_caps_at_1000s()
    {
        var limiter = new ItemExponentialBackoffRateLimiter<string>(DefaultRateLimiter.BaseDelay, DefaultRateLimiter.MaxDelay);

        var delays = Enumerable.Range(0, 5).Select(_ => limiter.When("a")).ToList();
        delays.Should().Equal(
            TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20),
            TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(80));

        // 5 ms * 2^17 = 655 s, 2^18 would be 1310 s: capped.
        for (var i = 5; i < 17; i++)
        {
            limiter.When("a");
        }

        limiter.When("a").Should().Be(TimeSpan.FromMilliseconds(5 * 131072));
        limiter.When("a").Should().Be(TimeSpan.FromSeconds(1000));
        for (var i = 0; i < 100; i++)
        {
            limiter.When("a").Should().Be(TimeSpan.FromSeconds(1000));
        }

        limiter.NumRequeues("a").Should().Be(119);
    }

    [Fact]
    public void Backoff_is_per_item_and_forget_resets_it()
    {
        var limiter = new ItemExponentialBackoffRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        limiter.When("a");
        limiter.When("a");

        limiter.When("b").Should().Be(TimeSpan.FromMilliseconds(5));
        limiter.When("a").Should().Be(TimeSpan.FromMilliseconds(20));

        limiter.Forget("a");

        limiter.NumRequeues("a").Should().Be(0);
        limiter.When("a").Should().Be(TimeSpan.FromMilliseconds(5));
        limiter.NumRequeues("b").Should().Be(1);
    }

    [Fact]
    public void Token_bucket_allows_the_burst_then_spaces_by_qps_and_refills_with_time()
    {
        var time = new ManualTimeProvider();
        var limiter = new TokenBucketRateLimiter<string>(qps: 10, burst: 3, time);

        limiter.When("a").Should().Be(TimeSpan.Zero);
        limiter.When("b").Should().Be(TimeSpan.Zero);
        limiter.When("c").Should().Be(TimeSpan.Zero);
        limiter.When("d").Should().Be(TimeSpan.FromMilliseconds(100));
        limiter.When("e").Should().Be(TimeSpan.FromMilliseconds(200));

        // 2 tokens owed; after 1 s, 10 were refilled but the bucket holds at most 3.
        time.Advance(TimeSpan.FromSeconds(1));
        limiter.When("f").Should().Be(TimeSpan.Zero);
        limiter.When("g").Should().Be(TimeSpan.Zero);
        limiter.When("h").Should().Be(TimeSpan.Zero);
        limiter.When("i").Should().Be(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Max_of_takes_the_longest_delay_and_forgets_in_every_limiter()
    {
        var time = new ManualTimeProvider();
        var backoff = new ItemExponentialBackoffRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        var limiter = new MaxOfRateLimiter<string>(backoff, new TokenBucketRateLimiter<string>(qps: 10, burst: 1, time));

        limiter.When("a").Should().Be(TimeSpan.FromMilliseconds(5));
        limiter.When("a").Should().Be(TimeSpan.FromMilliseconds(100));
        time.Advance(TimeSpan.FromSeconds(10));
        limiter.When("a").Should().Be(TimeSpan.FromMilliseconds(20));
        limiter.NumRequeues("a").Should().Be(3);

        limiter.Forget("a");

        backoff.NumRequeues("a").Should().Be(0);
    }
}
