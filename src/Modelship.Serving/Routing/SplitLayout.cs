using Modelship.Api.Routing;

namespace Modelship.Serving.Routing;

/// <summary>
/// The champion and challengers laid out on [0, 100): challengers first, in ordinal name order, each over its weight,
/// then the champion over the rest. Keeping the champion last means that changing the weight of the last challenger
/// (the usual rollout step) moves only the keys between its old and new boundary.
/// </summary>
public sealed class SplitLayout
{
    private readonly RoutingBackend[] _backends;
    private readonly double[] _upperBounds;

    public SplitLayout(RoutingTable table)
    {
        var champion = table.Champion ?? throw new ArgumentException("the routing table has no champion", nameof(table));
        var challengers = table.Backends
            .Where(b => b.Role == BackendRole.Challenger && b.Weight > 0)
            .OrderBy(b => b.Name, StringComparer.Ordinal)
            .ToArray();
        _backends = [.. challengers, champion];
        _upperBounds = new double[_backends.Length];
        double bound = 0;
        for (var i = 0; i < challengers.Length; i++)
        {
            bound += challengers[i].Weight;
            _upperBounds[i] = bound;
        }
        _upperBounds[^1] = 100;
    }

    /// <summary>Backends in layout order, the champion last.</summary>
    public IReadOnlyList<RoutingBackend> Backends => _backends;

    /// <summary>The backend whose range contains <paramref name="percent"/> (in [0, 100)).</summary>
    public RoutingBackend At(double percent) => _backends[IndexAt(percent)];

    /// <summary>The index in <see cref="Backends"/> of the range containing <paramref name="percent"/>.</summary>
    public int IndexAt(double percent)
    {
        for (var i = 0; i < _upperBounds.Length - 1; i++)
        {
            if (percent < _upperBounds[i])
            {
                return i;
            }
        }
        return _upperBounds.Length - 1;
    }
}
