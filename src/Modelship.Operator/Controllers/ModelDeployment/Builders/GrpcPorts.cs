using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>
/// The Open Inference Protocol over gRPC (h2c) ports of the router and the built-in runtime: a port of its own beside
/// REST's (Kestrel cannot serve HTTP/1.1 and prior-knowledge HTTP/2 on one cleartext port), 8081 as in KServe.
/// </summary>
public static class GrpcPorts
{
    /// <summary>The container and Service port name.</summary>
    public const string PortName = "grpc";

    public const int Default = 8081;

    /// <summary>
    /// The built-in runtime's gRPC port: 8081, or 8082 when its REST port is 8081. Null for other model servers: their
    /// gRPC port, if any, is theirs to declare.
    /// </summary>
    public static int? ForRuntime(RuntimeSpec? runtime, int restPort) =>
        string.IsNullOrEmpty(runtime?.Image) ? (restPort == Default ? Default + 1 : Default) : null;
}
