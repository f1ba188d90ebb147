using k8s.Models;
using Modelship.Kubernetes.Models;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>The stable Service clients call: it selects the router pods and never changes across rollouts.</summary>
public static class EndpointServiceBuilder
{
    public static V1Service Build(MD owner, ModelDeploymentBuildOptions options) => Build(ChildOwner.Of(owner), options);

    public static V1Service Build(ChildOwner owner, ModelDeploymentBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(options);
        return new V1Service
        {
            Metadata = ChildMetadata.For(owner, ChildNames.Endpoint(owner.Name), ChildMetadata.RouterComponent),
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                Selector = ChildMetadata.Selector(owner, ChildMetadata.RouterComponent),
                Ports =
                [
                    new V1ServicePort { Name = RouterDeploymentBuilder.PortName, Port = options.EndpointPort, TargetPort = RouterDeploymentBuilder.PortName, Protocol = "TCP" },
                    new V1ServicePort { Name = GrpcPorts.PortName, Port = options.RouterGrpcPort, TargetPort = GrpcPorts.PortName, Protocol = "TCP", AppProtocol = "kubernetes.io/h2c" },
                ],
            },
        }.WithTypeMeta();
    }

    /// <summary>status.endpoint: <c>http://&lt;svc&gt;.&lt;ns&gt;.svc.cluster.local</c> (with the port unless 80).</summary>
    public static string Url(MD owner, ModelDeploymentBuildOptions options) => Url(owner.Metadata.Name!, owner.Metadata.NamespaceProperty, options);

    /// <summary>The endpoint URL of the owner named <paramref name="name"/> in <paramref name="ns"/>.</summary>
    public static string Url(string name, string? ns, ModelDeploymentBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var host = $"http://{ChildNames.Endpoint(name)}.{ns}.svc.cluster.local";
        return options.EndpointPort == 80 ? host : $"{host}:{options.EndpointPort}";
    }
}
