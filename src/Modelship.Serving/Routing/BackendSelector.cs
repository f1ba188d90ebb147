using Modelship.Api.Routing;

namespace Modelship.Serving.Routing;

/// <summary>
/// Chooses the backend that answers a request: the key split when its key selects a backend, else the sticky hash
/// split when the request carries the sticky key, else the weighted random split.
/// </summary>
public sealed class BackendSelector(WeightedSplit weightedSplit)
{
    /// <summary>
    /// Selects a backend. <paramref name="readKey"/> returns the value of a routing key (source and name) or null
    /// when the request does not carry it; it may throw when the request body cannot be read.
    /// </summary>
    public RoutedBackend Select(RoutingSnapshot snapshot, Func<KeySource, string, string?> readKey)
    {
        var table = snapshot.Table;
        if (table.KeySplit is { } keySplit
            && KeySplit.Select(keySplit, readKey(keySplit.Source, keySplit.Name)) is { } name
            && snapshot.ByName(name) is { } target)
        {
            return target;
        }
        if (table.StickyKey is { } sticky && readKey(sticky.Source, sticky.Name) is { } key)
        {
            return snapshot.LayoutBackends[snapshot.Layout.IndexAt(StickyHashSplit.Percent(key))];
        }
        return snapshot.LayoutBackends[snapshot.Layout.IndexAt(weightedSplit.NextPercent())];
    }
}
