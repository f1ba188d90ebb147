namespace Modelship.EndToEnd.Monitoring;

/// <summary>A metric named in a PromQL expression, with the label matchers written next to it.</summary>
/// <param name="Matchers">Label name to (operator, value), e.g. <c>job</c> to (<c>=</c>, <c>modelship-router</c>).</param>
public sealed record MetricSelector(string Metric, IReadOnlyDictionary<string, (string Operator, string Value)> Matchers)
{
    /// <summary>The job the selector names with <c>job="..."</c>, or null.</summary>
    public string? Job => Matchers.TryGetValue("job", out var job) && job.Operator == "=" ? job.Value : null;

    public override string ToString() =>
        Matchers.Count == 0 ? Metric : $"{Metric}{{{string.Join(", ", Matchers.Select(m => $"{m.Key}{m.Value.Operator}\"{m.Value.Value}\""))}}}";
}
