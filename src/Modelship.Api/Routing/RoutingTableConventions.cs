namespace Modelship.Api.Routing;

/// <summary>Names shared by the operator, which publishes routing tables, and the routers, which serve them.</summary>
public static class RoutingTableConventions
{
    /// <summary>Key of the routing table JSON in the ConfigMap the ModelDeployment controller writes.</summary>
    public const string ConfigMapKey = "routing-table.json";

    /// <summary>
    /// Annotation a router sets on its own Pod to the generation it serves. The operator removes a backend only after
    /// every router Pod reports a generation whose table no longer names it.
    /// </summary>
    public const string ServedGenerationAnnotation = "modelship.dev/routing-generation";
}
