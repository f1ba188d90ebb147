using Modelship.Kubernetes.Client;

namespace Modelship.Kubernetes.Tests.Client;

public sealed class ExponentialBackoffTests
{
    [Fact]
    public void Doubles_up_to_the_cap_and_starts_over_after_reset()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalMilliseconds).ToList();
        backoff.Reset();

        delays.Should().Equal(100, 200, 400, 800, 1600, 3200, 5000, 5000);
        backoff.Next().Should().Be(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Jitter_stretches_each_delay_within_the_given_fraction()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), jitter: 0.2, new Random(42));

        var delays = Enumerable.Range(0, 50).Select(_ => backoff.Next()).ToList();

        delays.Should().OnlyContain(d => d >= TimeSpan.FromSeconds(1) && d < TimeSpan.FromSeconds(1.2));
        delays.Distinct().Should().HaveCountGreaterThan(1);
    }
}
