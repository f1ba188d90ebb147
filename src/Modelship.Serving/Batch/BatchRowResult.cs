namespace Modelship.Serving.Batch;

/// <summary>The answer for one input row: its outputs (name to JSON text), or the error that failed it.</summary>
public sealed record BatchRowResult(BatchInputRow Row, IReadOnlyDictionary<string, string>? Outputs, string? Error)
{
    public bool Failed => Error is not null;

    public static BatchRowResult Success(BatchInputRow row, IReadOnlyDictionary<string, string> outputs) => new(row, outputs, null);

    public static BatchRowResult Failure(BatchInputRow row, string error) => new(row, null, error);
}
