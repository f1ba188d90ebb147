using System.Globalization;
using Modelship.Api.Routing;

namespace Modelship.Serving.Pipelines;

/// <summary>The pipeline of a routing table, compiled once when the router takes the table (CEL included).</summary>
public sealed class CompiledPipeline
{
    /// <summary>Compiles <paramref name="table"/>'s pipeline; throws <see cref="RoutingTableException"/> when a validation does not compile.</summary>
    public CompiledPipeline(RoutingTable table, RoutingPipeline pipeline)
    {
        Name = table.ModelName;
        GenerationText = table.Generation.ToString(CultureInfo.InvariantCulture);
        Steps = [.. pipeline.Steps.Select(s => new CompiledStep(table.ModelName, s, table.Generation))];
        Logs = table.Log is not null;
    }

    /// <summary>The pipeline's name: the model name callers use.</summary>
    public string Name { get; }

    /// <summary>The table's generation as text: the answers' <c>model_version</c> and generation header.</summary>
    public string GenerationText { get; }

    public IReadOnlyList<CompiledStep> Steps { get; }

    /// <summary>Whether the table has log settings, so requests keep a per-step trace for the inference log.</summary>
    public bool Logs { get; }
}
