using Modelship.Api.Scheduling;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;

namespace Modelship.Cli.LocalRun.Refresh;

/// <summary>
/// A RefreshSchedule that `modelship run` can run: validated by the operator's <see cref="RefreshScheduleValidator"/>,
/// its cron parsed by the same <see cref="CronSchedule"/>, plus what a local run adds: the target must be the
/// ModelDeployment of the run, a relative directory path is relative to the schedule's file, the directory must
/// exist, and no Secret is referenced (a local run reads none).
/// </summary>
public sealed record LocalRefreshSchedule(string Name, string Namespace, RefreshScheduleSpec Spec, CronSchedule Cron)
{
    /// <summary>spec.startingDeadlineSeconds as a span; null: a late run always starts.</summary>
    public TimeSpan? StartingDeadline => Spec.StartingDeadlineSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    public bool Suspend => Spec.Suspend ?? false;

    /// <summary>The directory the schedule lists, when its source is one.</summary>
    public string? Directory => Spec.Source?.Directory?.Path;

    /// <summary>Throws <see cref="InvalidRefreshScheduleException"/> naming every invalid field.</summary>
    /// <param name="document">The schedule and the file it was read from.</param>
    /// <param name="deployment">The ModelDeployment the run serves.</param>
    public static LocalRefreshSchedule From(ManifestDocument<RefreshSchedule> document, Api.V1Alpha1.ModelDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(deployment);
        var schedule = document.Document;
        var name = schedule.Metadata.Name ?? Path.GetFileNameWithoutExtension(document.Path);
        var spec = WithDirectoryRelativeTo(schedule.Spec, Path.GetDirectoryName(Path.GetFullPath(document.Path))!);
        var errors = RefreshScheduleValidator.Validate(spec).Select(e => e.Message).ToList();
        errors.AddRange(LocalProblems(spec, schedule.Metadata.NamespaceProperty, deployment));
        if (spec.Promotion?.Strategy is { } strategy and not RefreshPromotionStrategy.Replace && !errors.Any(e => e.StartsWith("spec.promotion.strategy", StringComparison.Ordinal)))
        {
            // A trial (shadow, then canary, judged on live traffic) is the operator's; a local run promotes by replacing.
            errors.Add($"spec.promotion.strategy: {strategy} is not supported by `modelship run`; use Replace");
        }
        if (errors.Count > 0 || !CronSchedule.TryParse(spec.Schedule, spec.TimeZone, out var cron, out _, out _))
        {
            throw new InvalidRefreshScheduleException($"{document.Path}: RefreshSchedule {name} is invalid:\n  {string.Join("\n  ", errors)}");
        }
        return new LocalRefreshSchedule(name, schedule.Metadata.NamespaceProperty ?? deployment.Metadata.NamespaceProperty ?? "default", spec, cron!);
    }

    private static RefreshScheduleSpec WithDirectoryRelativeTo(RefreshScheduleSpec spec, string manifestDirectory) =>
        spec.Source?.Directory is { Path: { Length: > 0 } path } directory && !Path.IsPathFullyQualified(path)
            ? spec with { Source = spec.Source with { Directory = directory with { Path = Path.GetFullPath(Path.Combine(manifestDirectory, path)) } } }
            : spec;

    private static IEnumerable<string> LocalProblems(RefreshScheduleSpec spec, string? ns, Api.V1Alpha1.ModelDeployment deployment)
    {
        var served = deployment.Metadata.Name;
        if (spec.Target?.ModelDeployment is { Length: > 0 } target && target != served)
        {
            yield return $"spec.target.modelDeployment: \"{target}\" is not the ModelDeployment this run serves (\"{served}\")";
        }
        if (spec.Source is null || spec.Batch is not null)
        {
            yield return "spec.batch: batch predictions run as Jobs of the operator; beside `modelship run`, run `modelship batch` (docs/batch-prediction.md), and give the schedule a source";
        }
        if (spec.Target?.Pipeline is { } pipeline)
        {
            yield return $"spec.target.pipeline: a local run refreshes the ModelDeployment it serves (\"{served}\"), not step \"{pipeline.Step}\" of Pipeline \"{pipeline.Name}\"";
        }
        if (ns is not null && deployment.Metadata.NamespaceProperty is { } servedNamespace && ns != servedNamespace)
        {
            yield return $"metadata.namespace: \"{ns}\" is not the namespace of ModelDeployment {served} (\"{servedNamespace}\")";
        }
        if (spec.Source?.Directory is { Path: { Length: > 0 } path } && Path.IsPathFullyQualified(path) && !System.IO.Directory.Exists(path))
        {
            yield return $"spec.source.directory.path: directory {path} does not exist";
        }
        foreach (var field in SecretReferences(spec.Source))
        {
            yield return $"{field}: `modelship run` reads no Kubernetes Secrets; use a source that needs none, or run the schedule in a cluster";
        }
    }

    private static IEnumerable<string> SecretReferences(RefreshSource? source)
    {
        if (source?.Http?.BearerTokenSecretRef is not null)
        {
            yield return "spec.source.http.bearerTokenSecretRef";
        }
        if (source?.Mlflow?.TokenSecretRef is not null)
        {
            yield return "spec.source.mlflow.tokenSecretRef";
        }
        if (source?.S3?.CredentialsSecretRef is not null)
        {
            yield return "spec.source.s3.credentialsSecretRef";
        }
    }
}
