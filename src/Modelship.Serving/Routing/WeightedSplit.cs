using Modelship.Api.Routing;

namespace Modelship.Serving.Routing;

/// <summary>Picks a backend at random in proportion to the weights. The random source is injected so tests can seed it.</summary>
public sealed class WeightedSplit(Random random)
{
    /// <summary>A split over <see cref="Random.Shared"/>, which is safe to use from many threads.</summary>
    public static WeightedSplit Shared { get; } = new(Random.Shared);

    public RoutingBackend Select(SplitLayout layout) => layout.At(NextPercent());

    /// <summary>A uniformly random point in [0, 100).</summary>
    public double NextPercent() => random.NextDouble() * 100.0;
}
