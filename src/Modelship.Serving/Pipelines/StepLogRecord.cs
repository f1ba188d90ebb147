namespace Modelship.Serving.Pipelines;

/// <summary>
/// What one step did for one request, for its inference log entry: references to tensors the router already holds,
/// serialized on the log writer's thread, never on the request path.
/// </summary>
public sealed class StepLogRecord
{
    public required string Name { get; init; }

    /// <summary>The step kind as the routing table writes it (model, multiModel, ...).</summary>
    public required string Kind { get; init; }

    public double LatencyMs { get; set; }

    public string? Error { get; set; }

    public List<ModelUse> Models { get; } = [];

    /// <summary>The tensors the step's models received (model steps), or null.</summary>
    public IReadOnlyList<RawTensor>? Inputs { get; set; }

    /// <summary>The tensors after the step.</summary>
    public IReadOnlyList<RawTensor>? Outputs { get; set; }

    /// <summary>audit: the slice it logged.</summary>
    public IReadOnlyList<RawTensor>? Audit { get; set; }

    public List<string> CheckFailures { get; } = [];
}
