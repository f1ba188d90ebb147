using Modelship.Api.Defaults;
using Modelship.Kubernetes.Models;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>The ClusterIP Service of one model version; the routing table points the router at it.</summary>
public static class RuntimeServiceBuilder
{
    public static Service Build(MD owner, string version)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var port = EffectiveSettings.RuntimePort(owner.Spec);
        return new Service
        {
            Metadata = ChildMetadata.For(owner, ChildNames.Runtime(owner.Metadata.Name!, version), ChildMetadata.RuntimeComponent, version),
            Spec = new ServiceSpec
            {
                Type = "ClusterIP",
                Selector = ChildMetadata.Selector(owner, ChildMetadata.RuntimeComponent, version),
                Ports = [new ServicePort { Name = RuntimeDeploymentBuilder.PortName, Port = port, TargetPort = RuntimeDeploymentBuilder.PortName, Protocol = "TCP" }],
            },
        };
    }

    /// <summary>Base URL of the version's V2 endpoint inside the cluster, as the routing table names it.</summary>
    public static string Url(MD owner, string version) =>
        $"http://{ChildNames.Runtime(owner.Metadata.Name!, version)}.{owner.Metadata.NamespaceProperty}.svc.cluster.local:{EffectiveSettings.RuntimePort(owner.Spec)}";
}
