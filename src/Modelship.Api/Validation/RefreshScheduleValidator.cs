using System.Text.RegularExpressions;
using Modelship.Api.Defaults;
using Modelship.Api.Scheduling;
using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Validation;

/// <summary>
/// The rules of a RefreshSchedule spec that the CRD schema cannot express (cron syntax, time zones, one source,
/// regular expressions, existing targets), plus the schema's bounds so specs built in code are checked the same way.
/// Every message starts with the field path. Pure but for the time zone database; the caller says which
/// ModelDeployments exist.
/// </summary>
public static class RefreshScheduleValidator
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    /// <param name="spec">The spec to check.</param>
    /// <param name="modelDeploymentExists">Whether a ModelDeployment of the schedule's namespace exists; null skips the check.</param>
    /// <param name="pipelineStepProblem">Why a Pipeline and step of the schedule's namespace cannot be a target (null when it can); null skips the check.</param>
    public static IReadOnlyList<ValidationError> Validate(RefreshScheduleSpec spec, Func<string, bool>? modelDeploymentExists = null, Func<string, string, string?>? pipelineStepProblem = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new ErrorList();
        CronSchedule.TryParse(spec.Schedule, spec.TimeZone, out _, out var scheduleError, out var timeZoneError);
        if (scheduleError is not null)
        {
            errors.Add("spec.schedule", scheduleError);
        }
        if (timeZoneError is not null)
        {
            errors.Add("spec.timeZone", timeZoneError);
        }
        if (spec.StartingDeadlineSeconds is < 0)
        {
            errors.Add("spec.startingDeadlineSeconds", $"must not be negative (got {spec.StartingDeadlineSeconds})");
        }
        CheckHistoryLimit(errors, "spec.successfulRunsHistoryLimit", spec.SuccessfulRunsHistoryLimit);
        CheckHistoryLimit(errors, "spec.failedRunsHistoryLimit", spec.FailedRunsHistoryLimit);
        CheckTarget(errors, spec.Target, modelDeploymentExists, pipelineStepProblem);
        if (spec.Target?.Pipeline is not null && (spec.Promotion?.Strategy ?? RefreshPromotionStrategy.Replace) != RefreshPromotionStrategy.Replace)
        {
            errors.Add("spec.promotion.strategy", $"{spec.Promotion!.Strategy} needs a ModelDeployment target (its traffic split); a Pipeline step is promoted with Replace");
        }
        if (spec.Source is not null || spec.Batch is null)
        {
            CheckSource(errors, spec.Source);
        }
        RefreshBatchValidator.Check(errors, spec.Batch);
        if (spec.Batch is not null && spec.Target?.Pipeline is not null)
        {
            errors.Add("spec.batch", "runs through a ModelDeployment's endpoint: target the ModelDeployment (a Pipeline target has no batch yet)");
        }
        CheckSelection(errors, spec.Selection);
        CheckPromotion(errors, spec.Promotion);
        return errors.Items;
    }

    private static void CheckHistoryLimit(ErrorList errors, string field, int? limit)
    {
        if (limit is < 0 or > RefreshScheduleDefaults.MaxRunsHistoryLimit)
        {
            errors.Add(field, $"must be between 0 and {RefreshScheduleDefaults.MaxRunsHistoryLimit} (got {limit})");
        }
    }

    private static void CheckTarget(ErrorList errors, RefreshTarget? target, Func<string, bool>? modelDeploymentExists, Func<string, string, string?>? pipelineStepProblem)
    {
        if (target?.Pipeline is { } pipeline)
        {
            if (target.ModelDeployment is not null)
            {
                errors.Add("spec.target", "sets modelDeployment and pipeline; set exactly one");
            }
            CheckPipelineTarget(errors, pipeline, pipelineStepProblem);
            return;
        }
        if (target is null || string.IsNullOrWhiteSpace(target.ModelDeployment))
        {
            errors.Add("spec.target", "has no target; set exactly one of modelDeployment and pipeline");
        }
        else if (!DnsNames.IsSubdomain(target.ModelDeployment))
        {
            errors.Add("spec.target.modelDeployment", $"\"{target.ModelDeployment}\" is not a valid object name (a DNS subdomain)");
        }
        else if (modelDeploymentExists is not null && !modelDeploymentExists(target.ModelDeployment))
        {
            errors.Add("spec.target.modelDeployment", $"ModelDeployment \"{target.ModelDeployment}\" does not exist in this namespace");
        }
    }

    private static void CheckPipelineTarget(ErrorList errors, RefreshPipelineTarget pipeline, Func<string, string, string?>? pipelineStepProblem)
    {
        if (string.IsNullOrWhiteSpace(pipeline.Name) || !DnsNames.IsSubdomain(pipeline.Name))
        {
            errors.Add("spec.target.pipeline.name", $"\"{pipeline.Name}\" is not a valid object name (a DNS subdomain)");
        }
        else if (string.IsNullOrWhiteSpace(pipeline.Step))
        {
            errors.Add("spec.target.pipeline.step", "is required");
        }
        else if (pipelineStepProblem?.Invoke(pipeline.Name, pipeline.Step) is { } problem)
        {
            errors.Add("spec.target.pipeline", problem);
        }
    }

    private static void CheckSource(ErrorList errors, RefreshSource? source)
    {
        var kinds = source?.KindsSet() ?? [];
        if (kinds.Count == 0)
        {
            errors.Add("spec.source", $"has no source; set exactly one of {RefreshSource.KindNames}, or leave spec.source out and set spec.batch");
            return;
        }
        if (kinds.Count > 1)
        {
            errors.Add("spec.source", $"sets {string.Join(" and ", kinds)}; set exactly one of {RefreshSource.KindNames}");
        }
        if (source!.Directory is { } directory)
        {
            if (string.IsNullOrWhiteSpace(directory.Path) || !Path.IsPathFullyQualified(directory.Path))
            {
                errors.Add("spec.source.directory.path", $"\"{directory.Path}\" must be an absolute path");
            }
            CheckExtensions(errors, "spec.source.directory.extensions", directory.Extensions);
        }
        if (source.Http is { } http)
        {
            CheckHttpUrl(errors, "spec.source.http.url", http.Url);
            CheckSecretKey(errors, "spec.source.http.bearerTokenSecretRef", http.BearerTokenSecretRef);
        }
        if (source.Mlflow is { } mlflow)
        {
            CheckHttpUrl(errors, "spec.source.mlflow.trackingUri", mlflow.TrackingUri);
            if (string.IsNullOrWhiteSpace(mlflow.ModelName))
            {
                errors.Add("spec.source.mlflow.modelName", "is required");
            }
            CheckSecretKey(errors, "spec.source.mlflow.tokenSecretRef", mlflow.TokenSecretRef);
        }
        if (source.S3 is { } s3)
        {
            if (string.IsNullOrWhiteSpace(s3.Bucket))
            {
                errors.Add("spec.source.s3.bucket", "is required");
            }
            if (s3.Endpoint is not null)
            {
                CheckHttpUrl(errors, "spec.source.s3.endpoint", s3.Endpoint);
            }
            if (s3.Region is not null && string.IsNullOrWhiteSpace(s3.Region))
            {
                errors.Add("spec.source.s3.region", "must not be empty; leave it out for us-east-1");
            }
            if (s3.CredentialsSecretRef is { } credentials)
            {
                if (string.IsNullOrWhiteSpace(credentials.Name))
                {
                    errors.Add("spec.source.s3.credentialsSecretRef.name", "is required");
                }
                if (credentials.AccessKeyIdKey is { } idKey && string.IsNullOrWhiteSpace(idKey))
                {
                    errors.Add("spec.source.s3.credentialsSecretRef.accessKeyIdKey", "must not be empty");
                }
                if (credentials.SecretAccessKeyKey is { } secretKey && string.IsNullOrWhiteSpace(secretKey))
                {
                    errors.Add("spec.source.s3.credentialsSecretRef.secretAccessKeyKey", "must not be empty");
                }
            }
            CheckExtensions(errors, "spec.source.s3.extensions", s3.Extensions);
        }
    }

    private static void CheckHttpUrl(ErrorList errors, string field, string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(field, $"\"{url}\" must be an absolute http or https URL");
        }
    }

    private static void CheckSecretKey(ErrorList errors, string field, SecretKeyReference? reference)
    {
        if (reference is null)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(reference.Name))
        {
            errors.Add($"{field}.name", "is required");
        }
        if (reference.Key is { } key && string.IsNullOrWhiteSpace(key))
        {
            errors.Add($"{field}.key", "must not be empty; leave it out for \"token\"");
        }
    }

    private static void CheckExtensions(ErrorList errors, string field, IReadOnlyList<string>? extensions)
    {
        if (extensions is null)
        {
            return;
        }
        if (extensions.Count == 0)
        {
            errors.Add(field, "must not be empty; leave it out for [.onnx]");
        }
        foreach (var extension in extensions)
        {
            if (extension is null || extension.Length < 2 || extension[0] != '.')
            {
                errors.Add(field, $"\"{extension}\" must start with a dot, such as .onnx");
            }
        }
    }

    private static void CheckSelection(ErrorList errors, RefreshSelection? selection)
    {
        if (selection is null)
        {
            return;
        }
        var strategy = selection.Strategy ?? RefreshSelectionStrategy.Newest;
        if (strategy == RefreshSelectionStrategy.Alias && string.IsNullOrWhiteSpace(selection.Alias))
        {
            errors.Add("spec.selection.alias", "is required with strategy Alias");
        }
        if (strategy != RefreshSelectionStrategy.Alias && selection.Alias is not null)
        {
            errors.Add("spec.selection.alias", $"is only used with strategy Alias, not {strategy}");
        }
        if (selection.VersionPattern is { } pattern)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.CultureInvariant, PatternTimeout);
            }
            catch (ArgumentException e)
            {
                errors.Add("spec.selection.versionPattern", $"\"{pattern}\" is not a valid regular expression: {e.Message}");
            }
        }
    }

    private static void CheckPromotion(ErrorList errors, RefreshPromotion? promotion)
    {
        if (promotion is null)
        {
            return;
        }
        var strategy = promotion.Strategy ?? RefreshPromotionStrategy.Replace;
        if (promotion.Window is { } window && (!DurationParser.TryParse(window, out var length) || length <= TimeSpan.Zero))
        {
            errors.Add("spec.promotion.window", $"\"{window}\" is not a positive duration such as 10m or 1h");
        }
        var checks = promotion.MetricCheck?.Checks ?? [];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < checks.Count; i++)
        {
            var check = checks[i];
            var path = $"spec.promotion.metricCheck.checks[{i}]";
            if (check is null)
            {
                errors.Add(path, "must not be null");
                continue;
            }
            if (string.IsNullOrWhiteSpace(check.Metric))
            {
                errors.Add($"{path}.metric", "is required");
            }
            else if (seen.TryGetValue(check.Metric, out var first))
            {
                errors.Add($"{path}.metric", $"\"{check.Metric}\" is also checked by spec.promotion.metricCheck.checks[{first}]; check each metric once");
            }
            else
            {
                seen[check.Metric] = i;
            }
            if (!double.IsFinite(check.MaxRegression) || check.MaxRegression < 0)
            {
                errors.Add($"{path}.maxRegression", $"must be a number of at least 0 (got {check.MaxRegression})");
            }
            if (check.Source == RefreshMetricSource.Traffic)
            {
                CheckTrafficMetric(errors, path, check.Metric, strategy);
            }
        }
    }

    private static void CheckTrafficMetric(ErrorList errors, string path, string? metric, RefreshPromotionStrategy strategy)
    {
        if (strategy == RefreshPromotionStrategy.Replace)
        {
            errors.Add($"{path}.source", "Traffic checks are measured during a trial: set spec.promotion.strategy to Canary or ShadowFirst, or check a Registry metric");
        }
        if (metric is null || !RefreshTrafficMetric.All.Contains(metric))
        {
            errors.Add($"{path}.metric", $"\"{metric}\" is not a Traffic metric; use one of {string.Join(", ", RefreshTrafficMetric.All)}");
        }
        else if (metric == RefreshTrafficMetric.ShadowAgreement && strategy != RefreshPromotionStrategy.ShadowFirst)
        {
            errors.Add($"{path}.metric", "shadowAgreement is measured while the candidate runs as a shadow: set spec.promotion.strategy to ShadowFirst");
        }
    }
}
