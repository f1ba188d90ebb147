using Modelship.Api.Routing;
using Modelship.Serving.Pipelines;

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
        if (table.Pipeline is { } pipeline)
        {
            // A pipeline table has no backends of its own: its steps name their models. Champion and Layout stay
            // unset; RouterEndpoints hands pipeline snapshots to PipelineEndpoints, which never reads them.
            Pipeline = new CompiledPipeline(table, pipeline);
            _byName = [];
            _byVersion = [];
            Layout = null!;
            Champion = null!;
            Shadows = [];
            LayoutBackends = [];
            return;
        }
        _byName = table.Backends.ToDictionary(b => b.Name, b => new RoutedBackend(b, table.Generation), StringComparer.Ordinal);
        _byVersion = _byName.Values.ToDictionary(b => b.Version, StringComparer.Ordinal);
        var layout = new SplitLayout(table);
        Layout = layout;
        Champion = _byName[table.Champion!.Name];
        Shadows = [.. _byName.Values.Where(b => b.Backend.Role == BackendRole.Shadow)];
        LayoutBackends = [.. layout.Backends.Select(b => _byName[b.Name])];
    }

    public RoutingTable Table { get; }

    /// <summary>The compiled steps when the table is a Pipeline's; null for a ModelDeployment's.</summary>
    public CompiledPipeline? Pipeline { get; }

    public long Generation => Table.Generation;

    /// <summary>The weighted split (ModelDeployment tables only).</summary>
    public SplitLayout Layout { get; }

    /// <summary>The champion (ModelDeployment tables only).</summary>
    public RoutedBackend Champion { get; }

    public IReadOnlyList<RoutedBackend> Shadows { get; }

    /// <summary>The champion and challengers that take traffic, in layout order.</summary>
    public IReadOnlyList<RoutedBackend> LayoutBackends { get; }

    public RoutedBackend? ByName(string name) => _byName.GetValueOrDefault(name);

    public RoutedBackend? ByVersion(string version) => _byVersion.GetValueOrDefault(version);
}
