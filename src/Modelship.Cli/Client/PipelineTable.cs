using PL = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.Cli.Client;

/// <summary>`modelship pipelines list`: NAME, PHASE, STEPS (ready/declared), AGE (pure).</summary>
public static class PipelineTable
{
    public static readonly IReadOnlyList<string> Header = ["NAME", "PHASE", "STEPS", "AGE"];

    public static string Format(IEnumerable<PL> pipelines, DateTimeOffset now) =>
        TextTable.Format(Header, pipelines.Select(p => Row(p, now)));

    public static IReadOnlyList<string> Row(PL pipeline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return
        [
            pipeline.Metadata.Name ?? "",
            pipeline.Status?.Phase?.ToString() ?? TextTable.None,
            pipeline.Status?.StepSummary ?? string.Join(",", pipeline.Spec.Steps.Select(s => s.Name)),
            Age.Format(pipeline.Metadata.CreationTimestamp, now),
        ];
    }
}
