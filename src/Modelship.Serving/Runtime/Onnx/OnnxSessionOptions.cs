namespace Modelship.Serving.Runtime.Onnx;

/// <summary><c>GraphOptimizationLevel</c> of onnxruntime_c_api.h.</summary>
public enum GraphOptimizationLevel
{
    DisableAll = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
}

/// <summary>
/// How a session runs: thread pool sizes (0 lets ONNX Runtime choose; more than one inter-op thread turns on
/// parallel execution of independent operators) and graph optimizations.
/// </summary>
public sealed record OnnxSessionOptions
{
    public int IntraOpThreads { get; init; }

    public int InterOpThreads { get; init; }

    public GraphOptimizationLevel GraphOptimizationLevel { get; init; } = GraphOptimizationLevel.All;
}
