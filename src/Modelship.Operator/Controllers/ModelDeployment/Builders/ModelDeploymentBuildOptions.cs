namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>Operator-wide settings the builders need besides the ModelDeployment itself.</summary>
public sealed record ModelDeploymentBuildOptions
{
    public const string DefaultImage = "ghcr.io/modelship/modelship:dev";

    /// <summary>The router ClusterRole's name as config/default and the chart (release "modelship") install it.</summary>
    public const string DefaultRouterClusterRole = "modelship-router";

    /// <summary>The <c>modelship</c> image: built-in runtime, router and the fetch init container.</summary>
    public string Image { get; init; } = DefaultImage;

    public int RouterReplicas { get; init; } = 1;

    /// <summary>The ClusterRole with the router's permissions, bound in each ModelDeployment's namespace.</summary>
    public string RouterClusterRole { get; init; } = DefaultRouterClusterRole;

    /// <summary>
    /// How long a terminating pod keeps serving so that Service endpoints are removed before it stops (preStop).
    /// </summary>
    public int PreStopDrainSeconds { get; init; } = 5;

    /// <summary>Port of the router container and of the endpoint Service's target.</summary>
    public int RouterPort { get; init; } = 8080;

    /// <summary>Port clients use on the endpoint Service.</summary>
    public int EndpointPort { get; init; } = 80;

    /// <summary>gRPC (Open Inference Protocol, h2c) port of the router container and of the endpoint Service.</summary>
    public int RouterGrpcPort { get; init; } = GrpcPorts.Default;
}
