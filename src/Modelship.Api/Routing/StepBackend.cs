namespace Modelship.Api.Routing;

/// <summary>A model of a pipeline step: the V2 server that answers for it.</summary>
public sealed record StepBackend
{
    /// <summary>Name of the model within its step; routes, the champion and combined output names refer to it.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The version the table expects (an inline model's, or the referenced ModelDeployment's active one). The version
    /// logged is the one the answer names, since a ModelDeployment's own router may pick another.
    /// </summary>
    public required string Version { get; init; }

    /// <summary>Base URL of the server's V2 endpoint: a model server, or a ModelDeployment's router.</summary>
    public required string Url { get; init; }

    /// <summary>Name of the model on that server (the <c>{name}</c> in its <c>/v2/models/{name}</c> paths).</summary>
    public required string ModelName { get; init; }

    /// <summary>randomSplit: relative weight (1-1000); 0 elsewhere.</summary>
    public int Weight { get; init; }
}
