using System.Globalization;
using System.Text.RegularExpressions;
using Modelship.Api.Defaults;
using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Validation;

/// <summary>
/// The rules of a ModelDeployment spec that the CRD schema cannot express (the API server here has no CEL), plus the
/// schema's own bounds so that specs built in code are checked the same way. Pure: no I/O.
/// </summary>
public static partial class ModelDeploymentValidator
{
    public static IReadOnlyList<ValidationError> Validate(ModelDeploymentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new ErrorList();
        if (spec.Model is null)
        {
            errors.Add("spec.model", "is required");
        }
        else
        {
            ValidateModel("spec.model", spec.Model, errors);
        }
        ValidateWorkload(spec, errors);
        if (spec.Traffic is { } traffic)
        {
            TrafficValidator.Validate(spec.Model, traffic, errors);
        }
        if (spec.Rollout is { } rollout)
        {
            ValidateRollout(rollout, errors);
        }
        if (spec.Monitoring is { } monitoring)
        {
            ValidateMonitoring(monitoring, errors);
        }
        if (spec.Notifications is { } notifications)
        {
            NotificationValidator.Validate(notifications, errors);
        }
        if (spec.Auth is { } auth)
        {
            AuthValidator.Validate(auth, errors);
        }
        if (spec.PredictionDefaults is { } defaults)
        {
            PredictionDefaultsValidator.Validate("spec.predictionDefaults", defaults, errors);
        }
        if (spec.Autoscaling is { } autoscaling)
        {
            if (autoscaling.MinReplicas > autoscaling.MaxReplicas)
            {
                errors.Add("spec.autoscaling.maxReplicas", $"{autoscaling.MaxReplicas} is below minReplicas {autoscaling.MinReplicas}");
            }
            if (autoscaling.Metrics is null or { CpuUtilization: null, RequestsPerSecond: null })
            {
                errors.Add("spec.autoscaling.metrics", "set cpuUtilization, requestsPerSecond or both");
            }
        }
        if (spec.Replacement?.Validation?.SamplePrediction is { } sample)
        {
            SamplePredictionValidator.Validate(sample, errors);
        }
        return errors.Items;
    }

    internal static void ValidateModel(string path, ModelSpec model, ErrorList errors)
    {
        var scheme = ModelUriSchemes.SchemeOf(model.Uri);
        if (string.IsNullOrWhiteSpace(model.Uri))
        {
            errors.Add($"{path}.uri", "is required");
        }
        else if (scheme is null || !ModelUriSchemes.Accepted.Contains(scheme))
        {
            errors.Add($"{path}.uri", $"'{model.Uri}' must start with one of {string.Join(", ", ModelUriSchemes.Accepted.Select(s => s + "://"))}");
        }
        else if (!ModelUriSchemes.Fetchable.Contains(scheme))
        {
            errors.Add($"{path}.uri", $"scheme '{scheme}://' is not supported yet; use one of {string.Join(", ", ModelUriSchemes.Fetchable.Select(s => s + "://"))}");
        }
        if (model.Format is { } format && !Enum.IsDefined(format))
        {
            errors.Add($"{path}.format", $"unknown format '{format}'; use onnx or custom");
        }
        if (string.IsNullOrWhiteSpace(model.Version))
        {
            errors.Add($"{path}.version", "is required");
        }
        else if (!VersionSyntax().IsMatch(model.Version))
        {
            errors.Add($"{path}.version", $"'{model.Version}' must be 1-63 letters, digits, '.', '_' or '-', starting and ending with a letter or digit");
        }
        if (model.Sha256 is { } sha256 && !Sha256Syntax().IsMatch(sha256))
        {
            errors.Add($"{path}.sha256", "must be 64 lowercase hex digits");
        }
    }

    private static void ValidateWorkload(ModelDeploymentSpec spec, ErrorList errors)
    {
        if (spec.Replicas is < 0)
        {
            errors.Add("spec.replicas", $"must not be negative (got {spec.Replicas})");
        }
        if (spec.Runtime?.Port is { } port && port is < 1 or > 65535)
        {
            errors.Add("spec.runtime.port", $"must be between 1 and 65535 (got {port})");
        }
        ValidateRuntimeName("spec.runtime", spec.Runtime, errors);
        var tolerations = spec.Tolerations ?? [];
        for (var i = 0; i < tolerations.Count; i++)
        {
            if (tolerations[i].Operator == TolerationOperator.Exists && !string.IsNullOrEmpty(tolerations[i].Value))
            {
                errors.Add($"spec.tolerations[{i}].value", "must be empty when the operator is Exists");
            }
        }
    }

    /// <summary>
    /// A named ServingRuntime brings its own image and args: spec.runtime may not set them too. Not port: the schema
    /// defaults it (the Service keeps that port and targets the server's port by name).
    /// </summary>
    internal static void ValidateRuntimeName(string path, RuntimeSpec? runtime, ErrorList errors)
    {
        if (string.IsNullOrEmpty(runtime?.Name))
        {
            return;
        }
        if (runtime.Image is not null || runtime.Args is not null)
        {
            errors.Add($"{path}.name", "excludes image and args (the ServingRuntime has them); keep env and modelName only");
        }
        if (!DnsNames.IsSubdomain(runtime.Name))
        {
            errors.Add($"{path}.name", $"'{runtime.Name}' is not a valid object name (a DNS subdomain)");
        }
    }

    private static void ValidateRollout(RolloutSpec rollout, ErrorList errors)
    {
        if (rollout.Strategy is { } strategy && !Enum.IsDefined(strategy))
        {
            errors.Add("spec.rollout.strategy", $"unknown strategy '{strategy}'; use Replace or Canary");
        }
        var steps = rollout.Steps ?? [];
        for (var i = 0; i < steps.Count; i++)
        {
            var path = $"spec.rollout.steps[{i}]";
            if (steps[i].Weight is < 1 or > 100)
            {
                errors.Add($"{path}.weight", $"must be between 1 and 100 (got {steps[i].Weight})");
            }
            else if (i > 0 && steps[i].Weight <= steps[i - 1].Weight)
            {
                errors.Add($"{path}.weight", $"must be greater than the previous step's weight ({steps[i - 1].Weight}), got {steps[i].Weight}");
            }
            if (steps[i].Pause is { } pause && !DurationParser.TryParse(pause, out _))
            {
                errors.Add($"{path}.pause", $"'{pause}' is not a duration such as 30s, 5m or 1h30m");
            }
        }
        if (rollout.ProgressDeadlineSeconds is < 1)
        {
            errors.Add("spec.rollout.progressDeadlineSeconds", $"must be at least 1 (got {rollout.ProgressDeadlineSeconds})");
        }
        if (rollout.Analysis is { } analysis)
        {
            CheckFraction("spec.rollout.analysis.maxErrorRate", analysis.MaxErrorRate, errors);
            CheckFraction("spec.rollout.analysis.minShadowAgreement", analysis.MinShadowAgreement, errors);
            if (analysis.MaxLatencyP99 is { } latency && !DurationParser.TryParse(latency, out _))
            {
                errors.Add("spec.rollout.analysis.maxLatencyP99", $"'{latency}' is not a duration such as 250ms or 1s");
            }
            ValidateAnalysis(analysis, errors);
        }
    }

    private static void ValidateAnalysis(RolloutAnalysis analysis, ErrorList errors)
    {
        const string path = "spec.rollout.analysis";
        if (analysis.MaxErrorRateIncrease is { } errorRate && !RegressionAllowance.TryParseAmount(errorRate, out _))
        {
            errors.Add($"{path}.maxErrorRateIncrease", $"'{errorRate}' is neither an amount such as 0.01 nor a percentage of the champion's error rate such as 10%");
        }
        if (analysis.MaxLatencyP99Increase is { } latency && !RegressionAllowance.TryParseDuration(latency, out _))
        {
            errors.Add($"{path}.maxLatencyP99Increase", $"'{latency}' is neither a duration such as 50ms nor a percentage of the champion's p99 latency such as 10%");
        }
        if (analysis.MaxAccuracyDecrease is { } accuracy && !RegressionAllowance.TryParseAmount(accuracy, out _))
        {
            errors.Add($"{path}.maxAccuracyDecrease", $"'{accuracy}' is neither an amount such as 0.02 nor a percentage of the champion's accuracy such as 5%");
        }
        CheckFraction($"{path}.minAccuracy", analysis.MinAccuracy, errors);
        if (analysis.MinRequests is < 1)
        {
            errors.Add($"{path}.minRequests", $"must be at least 1 (got {analysis.MinRequests})");
        }
        var metrics = analysis.Metrics ?? [];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < metrics.Count; i++)
        {
            ValidateMetric($"{path}.metrics[{i}]", metrics[i], names, errors);
        }
    }

    private static void ValidateMetric(string path, AnalysisMetric metric, HashSet<string> names, ErrorList errors)
    {
        if (string.IsNullOrWhiteSpace(metric.Name))
        {
            errors.Add($"{path}.name", "must not be empty");
        }
        else if (!names.Add(metric.Name))
        {
            errors.Add($"{path}.name", $"'{metric.Name}' is used by another metric; names must be unique");
        }
        if (metric.Prometheus is not { } prometheus)
        {
            errors.Add($"{path}.prometheus", "is required: prometheus is the only metric provider");
        }
        else
        {
            if (!Uri.TryCreate(prometheus.Address, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            {
                errors.Add($"{path}.prometheus.address", $"'{prometheus.Address}' must be an absolute http or https URL such as http://prometheus.monitoring:9090");
            }
            if (string.IsNullOrWhiteSpace(prometheus.Query))
            {
                errors.Add($"{path}.prometheus.query", "must not be empty");
            }
        }
        var range = metric.ThresholdRange;
        if (range is null || (range.Min is null && range.Max is null))
        {
            errors.Add($"{path}.thresholdRange", "needs min, max or both");
        }
        else if (range.Min is { } min && range.Max is { } max && min > max)
        {
            errors.Add($"{path}.thresholdRange.min", string.Create(CultureInfo.InvariantCulture, $"({min}) must not be greater than max ({max})"));
        }
        else if (range.Min is double.NaN || range.Max is double.NaN)
        {
            errors.Add($"{path}.thresholdRange", "bounds must be numbers");
        }
    }

    private static void ValidateMonitoring(MonitoringSpec monitoring, ErrorList errors)
    {
        CheckFraction("spec.monitoring.sampleRate", monitoring.SampleRate, errors);
        if (monitoring.PredictionWarnings is { Lower: { } lower, Upper: { } upper } && lower > upper)
        {
            errors.Add("spec.monitoring.predictionWarnings.lower",
                string.Create(CultureInfo.InvariantCulture, $"({lower}) must not be greater than upper ({upper})"));
        }
        MonitoringValidator.Validate(monitoring, errors);
    }

    private static void CheckFraction(string field, double? value, ErrorList errors)
    {
        if (value is { } fraction && (double.IsNaN(fraction) || fraction < 0 || fraction > 1))
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"must be between 0 and 1 (got {fraction})"));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionSyntax();

    [GeneratedRegex("^[a-f0-9]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Syntax();
}
