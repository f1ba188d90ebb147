namespace Modelship.Serving.Protocol;

/// <summary>GET /v2: <c>{name, version, extensions}</c>.</summary>
public sealed record ServerMetadataResponse(string Name, string Version, IReadOnlyList<string> Extensions);

/// <summary>GET /v2/models/{name}[/versions/{version}].</summary>
public sealed record ModelMetadataResponse(
    string Name,
    IReadOnlyList<string> Versions,
    string Platform,
    IReadOnlyList<TensorMetadata> Inputs,
    IReadOnlyList<TensorMetadata> Outputs);

/// <summary>One input or output of a model; -1 in <see cref="Shape"/> marks a dimension of any size.</summary>
public sealed record TensorMetadata(string Name, string Datatype, IReadOnlyList<long> Shape);

/// <summary>GET /v2/health/live and /v2/health/ready.</summary>
public sealed record HealthResponse(bool? Live = null, bool? Ready = null);

/// <summary>GET /v2/models/{name}[/versions/{version}]/ready.</summary>
public sealed record ModelReadyResponse(string Name, bool Ready);

/// <summary>Every error answer: <c>{"error": "..."}</c>.</summary>
public sealed record ErrorResponse(string Error);
