namespace Modelship.Serving.Monitoring.Actuals;

/// <summary>An actuals body that is refused as a whole; <see cref="Index"/> names the bad item (null: the body itself).</summary>
public sealed class ActualsValidationException(int? index, string problem)
    : Exception(index is { } i ? $"actuals[{i}]: {problem}" : problem)
{
    public int? Index { get; } = index;

    public string Problem { get; } = problem;
}
