using Modelship.Api.Routing;

namespace Modelship.Serving.Routing;

/// <summary>
/// A validated <see cref="RoutingTable"/> with everything a request needs precomputed. A request reads the current
/// snapshot once and uses only it, so a table swap never mixes two tables within one request.
/// </summary>
public sealed class RoutingSnapshot
{
    private readonly Dictionary<string, RoutedBackend> _byName;
    private readonly Dictionary<string, RoutedBackend> _byVersion;

    public RoutingSnapshot(RoutingTable table)
    {
        var errors = table.Validate();
        if (errors.Count > 0)
        {
            throw new RoutingTableException($"routing table is invalid: {string.Join("; ", errors)}", errors);
        }
        Table = table;
        _byName = table.Backends.ToDictionary(b => b.Name, b => new RoutedBackend(b, table.Generation), StringComparer.Ordinal);
        _byVersion = _byName.Values.ToDictionary(b => b.Version, StringComparer.Ordinal);
        var layout = new SplitLayout(table);
        Layout = layout;
        Champion = _byName[table.Champion!.Name];
        Shadows = [.. _byName.Values.Where(b => b.Backend.Role == BackendRole.Shadow)];
        LayoutBackends = [.. layout.Backends.Select(b => _byName[b.Name])];
    }

    public RoutingTable Table { get; }

    public long Generation => Table.Generation;

    public SplitLayout Layout { get; }

    public RoutedBackend Champion { get; }

    public IReadOnlyList<RoutedBackend> Shadows { get; }

    /// <summary>The champion and challengers that take traffic, in layout order.</summary>
    public IReadOnlyList<RoutedBackend> LayoutBackends { get; }

    public RoutedBackend? ByName(string name) => _byName.GetValueOrDefault(name);

    public RoutedBackend? ByVersion(string version) => _byVersion.GetValueOrDefault(version);
}
