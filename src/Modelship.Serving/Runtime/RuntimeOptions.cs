using System.Net;
using Modelship.Serving.Http;
using Modelship.Serving.Runtime.Onnx;

namespace Modelship.Serving.Runtime;

/// <summary>What <see cref="RuntimeHost"/> serves and how: one ONNX model on one address.</summary>
public sealed record RuntimeOptions
{
    /// <summary>A .onnx file, or a directory holding model.onnx or exactly one .onnx file.</summary>
    public required string ModelPath { get; init; }

    /// <summary>The model's name in V2 paths; defaults to the model file's name without its extension.</summary>
    public string? ModelName { get; init; }

    public string ModelVersion { get; init; } = "1";

    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>0 picks a free port; <see cref="RuntimeHost.BaseAddress"/> tells which.</summary>
    public int Port { get; init; } = 8080;

    /// <summary>
    /// Port of the Open Inference Protocol over gRPC (cleartext HTTP/2, its own port: see Grpc/README.md); null: no
    /// gRPC; 0 picks a free port (see <see cref="RuntimeHost.GrpcAddress"/>).
    /// </summary>
    public int? GrpcPort { get; init; }

    /// <summary>Threads within an operator; 0 lets ONNX Runtime choose.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Threads running independent operators side by side; 0 lets ONNX Runtime choose, more than 1 turns on parallel execution.</summary>
    public int InterOpThreads { get; init; }

    /// <summary>Body size and arrival rate limits, the router's too.</summary>
    public RequestLimits Limits { get; init; } = new();

    public OnnxSessionOptions ToSessionOptions() => new()
    {
        IntraOpThreads = IntraOpThreads,
        InterOpThreads = InterOpThreads,
    };
}
