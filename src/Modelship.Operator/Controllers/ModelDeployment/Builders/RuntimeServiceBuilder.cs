using k8s;
using k8s.Models;
using Modelship.Api.Defaults;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Models;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>The ClusterIP Service of one model version; the routing table points the router at it.</summary>
public static class RuntimeServiceBuilder
{
    /// <param name="servingRuntime">The ServingRuntime serving the version, if one does: then no gRPC port (its server declares none).</param>
    public static V1Service Build(MD owner, string version, ServingRuntime? servingRuntime = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return Build(
            ChildMetadata.For(owner, ChildNames.Runtime(owner.Metadata.Name!, version), ChildMetadata.RuntimeComponent, version),
            ChildMetadata.Selector(owner, ChildMetadata.RuntimeComponent, version),
            EffectiveSettings.RuntimePort(owner.Spec),
            servingRuntime is null ? GrpcPorts.ForRuntime(owner.Spec.Runtime, EffectiveSettings.RuntimePort(owner.Spec)) : null);
    }

    /// <summary>The Service in front of a <see cref="RuntimeWorkload"/>'s pods, named and labelled like its Deployment.</summary>
    /// <param name="servingRuntime">The ServingRuntime serving the workload, if one does: then no gRPC port.</param>
    public static V1Service Build(RuntimeWorkload workload, ServingRuntime? servingRuntime = null)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var metadata = new V1ObjectMeta
        {
            Name = workload.Metadata.Name,
            NamespaceProperty = workload.Metadata.NamespaceProperty,
            Labels = workload.Metadata.Labels is { } labels ? new Dictionary<string, string>(labels, StringComparer.Ordinal) : null,
            OwnerReferences = workload.Metadata.OwnerReferences?.ToList(),
        };
        return Build(metadata, workload.Selector, workload.Port, servingRuntime is null ? GrpcPorts.ForRuntime(workload.Runtime, workload.Port) : null);
    }

    private static V1Service Build(V1ObjectMeta metadata, Dictionary<string, string> selector, int port, int? grpcPort)
    {
        List<V1ServicePort> ports = [new V1ServicePort { Name = RuntimeDeploymentBuilder.PortName, Port = port, TargetPort = RuntimeDeploymentBuilder.PortName, Protocol = "TCP" }];
        if (grpcPort is { } grpc)
        {
            ports.Add(new V1ServicePort { Name = GrpcPorts.PortName, Port = grpc, TargetPort = GrpcPorts.PortName, Protocol = "TCP", AppProtocol = "kubernetes.io/h2c" });
        }
        return new V1Service
        {
            Metadata = metadata,
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                Selector = selector,
                Ports = ports,
            },
        }.WithTypeMeta();
    }

    /// <summary>Base URL of a runtime Service's V2 endpoint inside the cluster.</summary>
    public static string Url(string serviceName, string? ns, int port) => $"http://{serviceName}.{ns}.svc.cluster.local:{port}";

    /// <summary>Base URL of the version's V2 endpoint inside the cluster, as the routing table names it.</summary>
    public static string Url(MD owner, string version) =>
        $"http://{ChildNames.Runtime(owner.Metadata.Name!, version)}.{owner.Metadata.NamespaceProperty}.svc.cluster.local:{EffectiveSettings.RuntimePort(owner.Spec)}";
}
