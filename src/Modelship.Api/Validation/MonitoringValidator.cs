using System.Globalization;
using System.Text.RegularExpressions;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;
using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Validation;

/// <summary>The rules of spec.monitoring's status interval, storage, drift and accuracy that the schema cannot express. Pure.</summary>
public static partial class MonitoringValidator
{
    private const string Path = "spec.monitoring";

    internal static void Validate(MonitoringSpec monitoring, ErrorList errors)
    {
        ArgumentNullException.ThrowIfNull(monitoring);
        ArgumentNullException.ThrowIfNull(errors);
        if (monitoring.StatusInterval is { } interval && (!DurationParser.TryParse(interval, out var parsed) || parsed < TimeSpan.FromSeconds(1)))
        {
            errors.Add($"{Path}.statusInterval", $"'{interval}' must be a duration of at least 1s, such as 60s or 5m");
        }
        if (monitoring.AssociationIdSource is { } source && !Enum.IsDefined(source))
        {
            errors.Add($"{Path}.associationIdSource", "must be parameter, input or header");
        }
        if (monitoring.Storage is { } storage)
        {
            ValidateStorage($"{Path}.storage", storage, errors);
        }
        if (monitoring.Drift is { } drift)
        {
            ValidateDrift(drift, errors);
        }
        if (monitoring.Accuracy is { } accuracy)
        {
            if (string.IsNullOrEmpty(monitoring.AssociationIdField))
            {
                errors.Add($"{Path}.associationIdField", "is required with spec.monitoring.accuracy: actuals are joined with predictions by it");
            }
            ValidateAccuracy(accuracy, errors);
        }
    }

    /// <summary>spec.monitoring.storage of a ModelDeployment or a Pipeline.</summary>
    internal static void ValidateStorage(string path, MonitoringStorage storage, ErrorList errors)
    {
        if (storage.SizeLimit is not null && storage.PersistentVolumeClaim is not null)
        {
            errors.Add(path, "set either sizeLimit (an emptyDir) or persistentVolumeClaim, not both");
        }
        if (storage.SizeLimit is { } size && !Quantity().IsMatch(size))
        {
            errors.Add($"{path}.sizeLimit", $"'{size}' is not a quantity such as 384Mi or 2Gi");
        }
        if (storage.PersistentVolumeClaim is { } claim && !DnsNames.IsSubdomain(claim))
        {
            errors.Add($"{path}.persistentVolumeClaim", $"'{claim}' is not a valid PersistentVolumeClaim name (lowercase DNS subdomain)");
        }
    }

    private static void ValidateDrift(DriftMonitoring drift, ErrorList errors)
    {
        var reference = drift.Reference;
        if (reference is null || (reference.ConfigMap is null) == (reference.Uri is null))
        {
            errors.Add($"{Path}.drift.reference", "set exactly one of configMap or uri");
        }
        if (reference?.ConfigMap is { } configMap)
        {
            if (string.IsNullOrEmpty(configMap.Name) || !DnsNames.IsSubdomain(configMap.Name))
            {
                errors.Add($"{Path}.drift.reference.configMap.name", $"'{configMap.Name}' is not a valid ConfigMap name (lowercase DNS subdomain)");
            }
            if (configMap.Key is { } key && !ConfigMapKey().IsMatch(key))
            {
                errors.Add($"{Path}.drift.reference.configMap.key", $"'{key}' is not a valid ConfigMap key (letters, digits, '-', '_' and '.')");
            }
        }
        if (reference?.Uri is { } uri)
        {
            var scheme = ModelUriSchemes.SchemeOf(uri);
            if (scheme is null || !ModelUriSchemes.Fetchable.Contains(scheme))
            {
                errors.Add($"{Path}.drift.reference.uri", $"'{uri}' must start with one of {string.Join(", ", ModelUriSchemes.Fetchable.Select(s => s + "://"))}");
            }
        }
        if (drift.Threshold is { } threshold && (double.IsNaN(threshold) || threshold <= 0))
        {
            errors.Add($"{Path}.drift.threshold", string.Create(CultureInfo.InvariantCulture, $"must be greater than 0 (got {threshold})"));
        }
        if (drift.Metric is { } metric && !Enum.IsDefined(metric))
        {
            errors.Add($"{Path}.drift.metric", "must be psi or hellinger");
        }
        if (drift.Metric == DriftMetric.Hellinger && drift.Threshold > 1)
        {
            errors.Add($"{Path}.drift.threshold", string.Create(CultureInfo.InvariantCulture, $"must be at most 1 with metric hellinger, a distance between 0 and 1 (got {drift.Threshold})"));
        }
        CheckPositive($"{Path}.drift.window", drift.Window, errors);
        CheckPositive($"{Path}.drift.minSamples", drift.MinSamples, errors);
        if (EffectiveMonitoring.DriftMinSamples(drift) > EffectiveMonitoring.DriftWindow(drift))
        {
            errors.Add($"{Path}.drift.minSamples", string.Create(CultureInfo.InvariantCulture,
                $"({EffectiveMonitoring.DriftMinSamples(drift)}) must not be greater than window ({EffectiveMonitoring.DriftWindow(drift)}): the window never holds that many"));
        }
    }

    private static void ValidateAccuracy(AccuracyMonitoring accuracy, ErrorList errors)
    {
        if (!Enum.IsDefined(accuracy.Task))
        {
            errors.Add($"{Path}.accuracy.task", "must be classification or regression");
            return;
        }
        var metric = EffectiveMonitoring.AccuracyMetric(accuracy);
        if (!Enum.IsDefined(metric) || !EffectiveMonitoring.Fits(metric, accuracy.Task))
        {
            errors.Add($"{Path}.accuracy.metric", accuracy.Task == AccuracyTask.Classification
                ? "must be accuracy, logLoss or auc for task classification"
                : "must be rmse, mae or mape for task regression");
        }
        else if (accuracy.Threshold is { } threshold)
        {
            if (double.IsNaN(threshold) || double.IsInfinity(threshold) || threshold < 0)
            {
                errors.Add($"{Path}.accuracy.threshold", string.Create(CultureInfo.InvariantCulture, $"must be a number of at least 0 (got {threshold})"));
            }
            else if (EffectiveMonitoring.HigherIsBetter(metric) && threshold > 1)
            {
                errors.Add($"{Path}.accuracy.threshold", string.Create(CultureInfo.InvariantCulture,
                    $"must be between 0 and 1 for metric {EffectiveMonitoring.ReportName(metric)}, its minimum (got {threshold})"));
            }
        }
        CheckPositive($"{Path}.accuracy.window", accuracy.Window, errors);
        CheckPositive($"{Path}.accuracy.maxPredictions", accuracy.MaxPredictions, errors);
        if (accuracy.Retention is { } retention && (!DurationParser.TryParse(retention, out var parsed) || parsed < TimeSpan.FromSeconds(1)))
        {
            errors.Add($"{Path}.accuracy.retention", $"'{retention}' must be a duration of at least 1s, such as 168h");
        }
    }

    private static void CheckPositive(string field, int? value, ErrorList errors)
    {
        if (value is < 1)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"must be at least 1 (got {value})"));
        }
    }

    [GeneratedRegex(QuantityAttribute.Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Quantity();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigMapKey();
}
