namespace Modelship.Api.Routing;

/// <summary>The invariants of a routing table's <see cref="MonitoringSettings"/>, each broken one reported as a sentence.</summary>
public static class MonitoringSettingsValidator
{
    public static void Validate(MonitoringSettings? monitoring, List<string> errors)
    {
        if (monitoring?.Drift is { } drift)
        {
            if (string.IsNullOrWhiteSpace(drift.ReferencePath))
            {
                errors.Add("monitoring.drift.referencePath must not be empty");
            }
            Positive("monitoring.drift.window", drift.Window, errors);
            if (drift.MinSamples < 0)
            {
                errors.Add($"monitoring.drift.minSamples must not be negative (got {drift.MinSamples})");
            }
        }
        if (monitoring?.Actuals is { } actuals)
        {
            if (actuals.AssociationId is null || string.IsNullOrWhiteSpace(actuals.AssociationId.Name) || !Enum.IsDefined(actuals.AssociationId.Source))
            {
                errors.Add("monitoring.actuals.associationId needs a source (parameter, input or header) and a name");
            }
            if (!Enum.IsDefined(actuals.Task))
            {
                errors.Add("monitoring.actuals.task must be classification or regression");
            }
            Positive("monitoring.actuals.window", actuals.Window, errors);
            Positive("monitoring.actuals.retentionSeconds", actuals.RetentionSeconds, errors);
            Positive("monitoring.actuals.maxPredictions", actuals.MaxPredictions, errors);
        }
    }

    private static void Positive(string field, long value, List<string> errors)
    {
        if (value <= 0)
        {
            errors.Add($"{field} must be positive (got {value})");
        }
    }
}
