using System.Text;
using Modelship.Api.V1Alpha1;
using PL = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.Cli.Client;

/// <summary>`modelship pipelines get NAME`: phase, endpoint, the steps with their kind and readiness, the conditions (pure).</summary>
public static class PipelineDescription
{
    public static string Format(PL pipeline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var status = pipeline.Status;
        var text = new StringBuilder();
        ModelDeploymentDescription.Field(text, "Name", pipeline.Metadata.Name);
        ModelDeploymentDescription.Field(text, "Namespace", pipeline.Metadata.NamespaceProperty);
        ModelDeploymentDescription.Field(text, "Age", Age.Format(pipeline.Metadata.CreationTimestamp, now));
        ModelDeploymentDescription.Field(text, "Phase", status?.Phase?.ToString());
        ModelDeploymentDescription.Field(text, "Endpoint", status?.Endpoint);
        ModelDeploymentDescription.Field(text, "Generation", ModelDeploymentDescription.Observed(pipeline.Metadata.Generation, status?.ObservedGeneration));
        var ready = (status?.Steps ?? []).ToDictionary(s => s.Name, StringComparer.Ordinal);
        text.Append("Steps:\n").Append(TextTable.Format(
            ["NAME", "KIND", "READY", "MODELS"],
            pipeline.Spec.Steps.Select(step => (IReadOnlyList<string>)
            [
                step.Name,
                string.Join(",", step.KindsSet()),
                ready.TryGetValue(step.Name, out var s) ? (s.Ready ? "true" : "false") : TextTable.None,
                s?.Models is { Count: > 0 } models ? string.Join(", ", models.Select(Model)) : "",
            ]),
            "  "));
        ConditionsBlock.Append(text, status?.Conditions, now);
        return text.ToString();
    }

    private static string Model(StepModelStatus model) =>
        model.Name + (model.Version is { } v ? " " + v : "") + (model.Ready ? "" : " (not ready)");
}
