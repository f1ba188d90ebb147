using System.Text.Json;
using k8s.Models;
using Modelship.Api.Routing;
using Modelship.Kubernetes.Models;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>The ConfigMap holding the routing table the routers serve, under <see cref="RoutingTableConventions.ConfigMapKey"/>.</summary>
public static class RoutingConfigMapBuilder
{
    public static V1ConfigMap Build(MD owner, RoutingTable table) => Build(ChildOwner.Of(owner), table);

    public static V1ConfigMap Build(ChildOwner owner, RoutingTable table)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(table);
        return new V1ConfigMap
        {
            Metadata = ChildMetadata.For(owner, ChildNames.RoutingTable(owner.Name), ChildMetadata.RoutingComponent),
            Data = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [RoutingTableConventions.ConfigMapKey] = JsonSerializer.Serialize(table, RoutingTableJsonContext.Default.RoutingTable),
            },
        }.WithTypeMeta();
    }

    /// <summary>The table a ConfigMap holds, or null when it holds none or an unreadable one.</summary>
    public static RoutingTable? TableOf(V1ConfigMap? configMap)
    {
        if (configMap?.DataValue(RoutingTableConventions.ConfigMapKey) is not { } json)
        {
            return null;
        }
        try
        {
            return RoutingTable.Parse(json);
        }
        catch (RoutingTableException)
        {
            return null;
        }
    }
}
