namespace Modelship.Api.Routing;

/// <summary>A routing key read from each request, used to keep a caller on one backend.</summary>
public sealed record RoutingKey
{
    /// <summary>Whether the key comes from a header or from an input tensor.</summary>
    public required KeySource Source { get; init; }

    /// <summary>Header name or input tensor name.</summary>
    public required string Name { get; init; }
}
