using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.RefreshSchedule;
using Modelship.Registry;
using Modelship.Registry.Selection;

namespace Modelship.Cli.LocalRun.Refresh;

/// <summary>
/// One run of a RefreshSchedule against the ModelDeployment of a local run, decided as the operator decides it: the
/// source listed through <see cref="RegistryVersions"/>, <see cref="VersionSelection"/>, then
/// <see cref="RefreshRunDecisions.Decide"/> against the champion and the baseline metrics. A promotion is carried out
/// here instead of by patching the target: <see cref="LocalModelDeployment.ReplaceChampionAsync"/>.
/// A local run keeps no status, so the baseline starts as the metrics the source reports for the champion's version
/// (when it lists it) and then is those of each version this schedule promotes, as status.promoted is in a cluster.
/// </summary>
public sealed class LocalRefreshRun(LocalRefreshSchedule schedule, LocalModelDeployment deployment, RegistryVersions registry, TimeProvider time)
{
    private RefreshPromotedVersion? _promoted;

    /// <summary>Runs once; a problem of the source or of the new version ends the run as Failed and keeps the champion.</summary>
    /// <param name="stopped">Called with the old champion's version once its runtime has drained and stopped.</param>
    public async Task<RefreshRun> RunAsync(RefreshTrigger trigger, Action<string>? stopped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var startedAt = time.GetUtcNow();
        RefreshRun Finish(RefreshRunResult result, string message, ModelVersion? candidate = null, IReadOnlyList<RefreshCheckResult>? checks = null) => new()
        {
            ScheduledTime = trigger.ScheduledTime,
            Version = candidate?.Version,
            StartedAt = startedAt,
            FinishedAt = time.GetUtcNow(),
            Result = result,
            Checks = checks is { Count: > 0 } ? checks : null,
            Message = message,
        };

        if (trigger.Kind == RefreshTriggerKind.Missed)
        {
            return Finish(RefreshRunResult.Skipped, $"the run scheduled for {trigger.ScheduledTime:O} was missed by more than startingDeadlineSeconds ({schedule.Spec.StartingDeadlineSeconds} s)");
        }
        IReadOnlyList<ModelVersion> versions;
        try
        {
            versions = await registry.ListAsync(schedule.Namespace, schedule.Spec.Source!, schedule.Spec.Selection, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelSourceException e)
        {
            return Finish(RefreshRunResult.Failed, $"the source failed ({e.Kind}): {e.Message}");
        }
        catch (Exception e) when (e is SourceSecretException or ArgumentException)
        {
            return Finish(RefreshRunResult.Failed, $"the source cannot be used: {e.Message}");
        }

        var champion = deployment.Champion;
        var baseline = _promoted is { } promoted && promoted.Version == champion.Version ? promoted : ListedBaseline(versions, champion);
        var selection = VersionSelection.Select(versions, RefreshRunDecisions.Criteria(schedule.Spec.Selection));
        var decision = RefreshRunDecisions.Decide(versions, selection, champion, baseline, schedule.Spec.Promotion);
        if (decision is not { Result: RefreshRunResult.Promoted, Model: { } model, Candidate: { } candidate })
        {
            return Finish(decision.Result, decision.Message, decision.Candidate, decision.Checks);
        }
        // Whatever keeps the new version from serving (a half-copied or invalid model, a port...) ends this run as
        // Failed, as a run's problems do in the operator; the champion was not touched.
        try
        {
            await deployment.ReplaceChampionAsync(model, stopped, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Finish(RefreshRunResult.Failed, $"version {candidate.Version} could not be served, the champion {champion.Version} stays: {e.Message}", candidate, decision.Checks);
        }
        _promoted = new RefreshPromotedVersion
        {
            Version = model.Version,
            Uri = model.Uri,
            PromotedAt = time.GetUtcNow(),
            Metrics = candidate.Metrics.Count > 0 ? new Dictionary<string, double>(candidate.Metrics, StringComparer.Ordinal) : null,
        };
        return Finish(RefreshRunResult.Promoted, decision.Message, candidate, decision.Checks);
    }

    /// <summary>The metrics the source reports for the champion's version, as if this schedule had promoted it.</summary>
    private RefreshPromotedVersion? ListedBaseline(IReadOnlyList<ModelVersion> versions, ModelSpec champion) =>
        versions.FirstOrDefault(v => v.Version == champion.Version) is { Metrics.Count: > 0 } listed
            ? new RefreshPromotedVersion { Version = champion.Version, Uri = champion.Uri, PromotedAt = time.GetUtcNow(), Metrics = listed.Metrics }
            : null;
}
