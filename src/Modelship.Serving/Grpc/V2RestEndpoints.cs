using Microsoft.AspNetCore.Http;

namespace Modelship.Serving.Grpc;

/// <summary>
/// The V2 REST endpoints of a router or a runtime, which the gRPC service calls in process: one serving path per
/// process whatever the transport. Each reads the route values <c>name</c> and <c>version</c> its REST route has.
/// </summary>
public sealed record V2RestEndpoints(
    RequestDelegate ServerLive,
    RequestDelegate ServerReady,
    RequestDelegate ServerMetadata,
    RequestDelegate ModelMetadata,
    RequestDelegate ModelReady,
    RequestDelegate ModelInfer);
