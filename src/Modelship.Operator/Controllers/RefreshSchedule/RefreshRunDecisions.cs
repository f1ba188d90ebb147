using System.Text.RegularExpressions;
using Modelship.Api.Defaults;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.Comparison;
using Modelship.Registry;
using Modelship.Registry.Selection;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.RefreshSchedule;

/// <summary>The outcome a run decided on, before any write.</summary>
/// <param name="Result">Promoted (promote <paramref name="Candidate"/>), Rejected, Failed, Skipped or NoNewVersion.</param>
/// <param name="Candidate">The version the selection chose, when it chose one.</param>
/// <param name="Model">For Promoted: what the target's spec.model becomes.</param>
/// <param name="Checks">Every metric check, in spec order.</param>
/// <param name="Message">What happened, for people.</param>
public sealed record RefreshRunDecision(
    RefreshRunResult Result,
    ModelVersion? Candidate,
    ModelSpec? Model,
    IReadOnlyList<RefreshCheckResult> Checks,
    string Message);

/// <summary>
/// Pure decisions of a RefreshSchedule run: whether a rollout in progress stops it, how the spec's selection maps
/// onto <see cref="VersionSelection"/>, and what to do with the chosen version given the target's champion and the
/// metrics recorded for it: nothing new, rejected by a metric check, or promoted.
/// </summary>
public static partial class RefreshRunDecisions
{
    /// <summary>The reason to skip the run because the target is still rolling out a version, or null to go on.</summary>
    public static string? SkipForRolloutInProgress(RefreshConcurrencyPolicy? policy, MD target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if ((policy ?? RefreshConcurrencyPolicy.Forbid) != RefreshConcurrencyPolicy.Forbid || target.Status?.PendingModel is not { } pending)
        {
            return null;
        }
        return $"ModelDeployment {target.Metadata.Name} is still rolling out version {pending.Version}; concurrencyPolicy Forbid skips this run";
    }

    /// <summary>The spec's selection as <see cref="VersionSelection"/> criteria.</summary>
    public static VersionSelectionCriteria Criteria(RefreshSelection? selection) => new(
        (selection?.Strategy ?? RefreshSelectionStrategy.Newest) switch
        {
            RefreshSelectionStrategy.SemVer => SelectionStrategy.HighestSemanticVersion,
            RefreshSelectionStrategy.Alias => SelectionStrategy.Alias,
            _ => SelectionStrategy.NewestCreated,
        },
        selection?.Strategy == RefreshSelectionStrategy.Alias ? selection.Alias : null,
        selection?.VersionPattern,
        selection?.IncludePrerelease ?? RefreshScheduleDefaults.IncludePrerelease);

    /// <param name="versions">What the source listed.</param>
    /// <param name="selection">What <see cref="VersionSelection.Select"/> chose among them.</param>
    /// <param name="champion">The target's spec.model.</param>
    /// <param name="promoted">status.promoted: the metrics of the version this schedule promoted last.</param>
    /// <param name="promotion">spec.promotion.</param>
    public static RefreshRunDecision Decide(
        IReadOnlyList<ModelVersion> versions,
        VersionSelectionResult selection,
        ModelSpec champion,
        RefreshPromotedVersion? promoted,
        RefreshPromotion? promotion)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(champion);
        if (selection.Chosen is not { } candidate)
        {
            return versions.Count == 0
                ? new(RefreshRunResult.NoNewVersion, null, null, [], "the source lists no versions")
                : new(RefreshRunResult.Failed, null, null, [], $"no version selected: {selection.Reason}");
        }
        if (ModelUri(candidate.Uri) is not { } uri)
        {
            return new(RefreshRunResult.Failed, candidate, null, [], $"version {candidate.Version} is at \"{candidate.Uri}\", which a ModelDeployment cannot fetch (file, pvc, http, https or s3 URIs, or absolute paths)");
        }
        if (!IsModelVersionName(candidate.Version))
        {
            return new(RefreshRunResult.Failed, candidate, null, [], $"version \"{candidate.Version}\" cannot name a ModelDeployment version (1-63 letters, digits, '.', '-' or '_', starting and ending with a letter or digit)");
        }
        if (candidate.Version == champion.Version || uri == champion.Uri)
        {
            return new(RefreshRunResult.NoNewVersion, candidate, null, [], $"version {candidate.Version} is already the champion");
        }
        var model = new ModelSpec { Uri = uri, Version = candidate.Version, Sha256 = candidate.Sha256?.ToLowerInvariant() };
        if (promotion?.MetricCheck?.Skip == true)
        {
            return new(RefreshRunResult.Promoted, candidate, model, [], $"version {candidate.Version} promoted without a metric check (metricCheck.skip)");
        }
        var baseline = promoted is not null && promoted.Version == champion.Version ? promoted.Metrics : null;
        var checks = RegistryChecks(promotion).Select(check => Check(check, champion.Version, baseline, candidate)).ToList();
        var failed = checks.Where(c => c.Verdict == RefreshCheckVerdict.Failed).ToList();
        if (failed.Count > 0)
        {
            return new(RefreshRunResult.Rejected, candidate, null, checks, $"version {candidate.Version} rejected, the champion {champion.Version} stays: {string.Join("; ", failed.Select(c => c.Message))}");
        }
        var note = checks.Any(c => c.Verdict == RefreshCheckVerdict.NoBaseline)
            ? $" (no metrics recorded for the champion {champion.Version}: checks without a baseline pass)"
            : "";
        var passed = checks.Count == 0 ? "no metric checks" : $"{checks.Count} metric check(s) passed";
        return new(RefreshRunResult.Promoted, candidate, model, checks, $"version {candidate.Version} replaces {champion.Version}: {passed}{note}");
    }

    /// <summary>The checks of registry-reported metrics (Traffic checks are judged during a trial).</summary>
    public static IEnumerable<RefreshMetricComparison> RegistryChecks(RefreshPromotion? promotion) =>
        (promotion?.MetricCheck?.Checks ?? []).Where(c => (c.Source ?? RefreshMetricSource.Registry) == RefreshMetricSource.Registry);

    /// <summary>One metric of the candidate against the champion's recorded value.</summary>
    public static RefreshCheckResult Check(RefreshMetricComparison check, string championVersion, IReadOnlyDictionary<string, double>? championMetrics, ModelVersion candidate)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(candidate);
        double? championValue = championMetrics is not null && championMetrics.TryGetValue(check.Metric, out var c) ? c : null;
        double? candidateValue = candidate.Metrics.TryGetValue(check.Metric, out var v) ? v : null;
        if (candidateValue is not { } candidateMetric)
        {
            return new RefreshCheckResult
            {
                Name = check.Metric,
                Champion = championValue,
                Verdict = RefreshCheckVerdict.Failed,
                Message = $"{check.Metric}: the registry reports no value for version {candidate.Version}",
            };
        }
        if (championValue is not { } championMetric)
        {
            return new RefreshCheckResult
            {
                Name = check.Metric,
                Candidate = candidateMetric,
                Verdict = RefreshCheckVerdict.NoBaseline,
                Message = $"{check.Metric}: no value recorded for the champion {championVersion}; passes",
            };
        }
        return MetricRegression.Compare(
            check.Metric, championMetric, candidateMetric, check.MaxRegression,
            check.Relative ?? RefreshScheduleDefaults.RelativeRegression,
            check.LowerIsBetter ?? RefreshScheduleDefaults.LowerIsBetter);
    }

    /// <summary>A source's uri as a ModelDeployment's spec.model.uri: absolute paths become file:// URIs; null when it cannot be one.</summary>
    public static string? ModelUri(string sourceUri)
    {
        ArgumentNullException.ThrowIfNull(sourceUri);
        if (sourceUri.StartsWith('/'))
        {
            return new Uri(sourceUri).AbsoluteUri;
        }
        return Uri.TryCreate(sourceUri, UriKind.Absolute, out var parsed) && parsed.Scheme is "file" or "pvc" or "http" or "https" or "s3"
            ? sourceUri
            : null;
    }

    private static bool IsModelVersionName(string version) => version.Length is >= 1 and <= 63 && ModelVersionName().IsMatch(version);

    // ModelSpec.Version's pattern in the CRD.
    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex ModelVersionName();
}
