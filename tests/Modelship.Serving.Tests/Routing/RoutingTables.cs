using Modelship.Api.Routing;

namespace Modelship.Serving.Tests.Routing;

/// <summary>Builds routing tables for tests.</summary>
internal static class RoutingTables
{
    public static RoutingBackend Backend(string name, BackendRole role, int weight = 0, string? url = null, string? version = null) => new()
    {
        Name = name,
        Version = version ?? name,
        Role = role,
        Url = url ?? $"http://127.0.0.1:9/{name}",
        ModelName = "model-" + name,
        Weight = weight,
    };

    public static RoutingTable ChampionChallengers(long generation, params (string Name, int Weight)[] challengers) => new()
    {
        Generation = generation,
        ModelName = "iris",
        Backends = [Backend("champion", BackendRole.Champion), .. challengers.Select(c => Backend(c.Name, BackendRole.Challenger, c.Weight))],
    };
}
