using Modelship.Serving.Monitoring.Drift;

namespace Modelship.Serving.Tests.Monitoring.Drift;

public sealed class DriftWindowTests
{
    [Fact]
    public void A_full_window_evicts_its_oldest_request_with_its_counts()
    {
        var window = new DriftWindow(2, [3, 2]);

        window.Add([new BinnedValue(0, 0, false), new BinnedValue(1, 1, true)]);
        window.Add([new BinnedValue(0, 1, false)]);
        window.Add([new BinnedValue(0, 2, true), new BinnedValue(0, 2, false)]);

        var (samples, counts, outOfRange) = window.Read();
        samples.Should().Be(2);
        counts[0].Should().Equal(0, 1, 2);
        counts[1].Should().Equal(0, 0);
        outOfRange.Should().Equal(1, 0);
    }

    [Fact]
    public void Distances_are_zero_for_the_same_distribution_and_the_hellinger_of_disjoint_ones_is_one()
    {
        double[] p = [0.25, 0.25, 0.5, 0];
        DriftMath.Psi(p, p).Should().BeApproximately(0, 1e-15);
        DriftMath.Hellinger(p, p).Should().Be(0);
        DriftMath.Hellinger([1, 0], [0, 1]).Should().BeApproximately(1, 1e-15);
        DriftMath.Psi([1, 0], [0, 1]).Should().BeGreaterThan(10);
    }
}
