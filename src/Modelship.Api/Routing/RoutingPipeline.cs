namespace Modelship.Api.Routing;

/// <summary>
/// The steps a router runs for a Pipeline, part of the routing table so that a spec change reaches every router as
/// one new generation: a request runs entirely on the steps of the table it read first.
/// </summary>
public sealed record RoutingPipeline
{
    /// <summary>The steps, in the order they run.</summary>
    public IReadOnlyList<RoutingStep> Steps { get; init; } = [];

    /// <summary>The same pipeline with every absent list or map as an empty one (JSON leaves them null).</summary>
    public RoutingPipeline Normalized() => this with
    {
        Steps = [.. (Steps ?? []).Select(s => s is null ? s! : s with
        {
            Models = s.Models ?? [],
            Routes = s.Routes ?? new Dictionary<string, string>(),
            Validations = s.Validations ?? [],
            PredictionDefaults = s.PredictionDefaults?.Normalized(),
        })],
    };
}
