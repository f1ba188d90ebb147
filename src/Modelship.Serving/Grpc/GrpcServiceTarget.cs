namespace Modelship.Serving.Grpc;

/// <summary>
/// Where <see cref="InferenceGrpcService"/> sends its calls. The hosts register the service before the app is built
/// and map their REST endpoints after, so the endpoints are set once mapped.
/// </summary>
public sealed class GrpcServiceTarget
{
    private V2RestEndpoints? _endpoints;

    public V2RestEndpoints? Endpoints
    {
        get => Volatile.Read(ref _endpoints);
        set => Volatile.Write(ref _endpoints, value);
    }
}
