using System.Collections.Concurrent;
using System.Diagnostics;
using Modelship.Api.Routing;

namespace Modelship.EndToEnd.Support;

/// <summary>
/// The routing table file a local-mode router follows, in a directory of its own. Each write is atomic (a temporary
/// file renamed over the table) and remembered with the moment of the rename, so answers can be checked against
/// the table that was on disk when they were given.
/// </summary>
public sealed class RoutingTableFile : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-e2e-table-").FullName;
    private readonly ConcurrentDictionary<long, WrittenTable> _written = new();

    public RoutingTableFile() => Path = System.IO.Path.Combine(_directory, "routing-table.json");

    public string Path { get; }

    /// <summary>Every table written, by generation.</summary>
    public IReadOnlyDictionary<long, WrittenTable> Written => _written;

    public void Write(RoutingTable table)
    {
        table.Validate().Should().BeEmpty("the test writes valid tables");
        var temporary = System.IO.Path.Combine(_directory, $".routing-table.{table.Generation}.tmp");
        File.WriteAllText(temporary, table.Serialize());
        // Taken before the rename: the router cannot see the table earlier than this.
        var renamedAt = Stopwatch.GetTimestamp();
        File.Move(temporary, Path, overwrite: true);
        _written[table.Generation] = new WrittenTable(table, renamedAt);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A table as written, with the <see cref="Stopwatch"/> timestamp of the rename that published it.</summary>
public sealed record WrittenTable(RoutingTable Table, long WrittenAt);
