using System.Net;
using System.Text.Json.Nodes;
using Modelship.Api.Defaults;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;
using Modelship.Kubernetes.Client;
using Modelship.Operator.Controllers.Comparison;
using Modelship.Registry;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using Schedule = Modelship.Api.V1Alpha1.RefreshSchedule;

namespace Modelship.Operator.Controllers.RefreshSchedule.Trial;

/// <summary>What a reconcile did with a trial: the trial to record (null when it ended), the run it ended, the version it promoted, when to look again.</summary>
public sealed record TrialOutcome(RefreshTrial? Trial, RefreshRun? Finished, RefreshPromotedVersion? Promoted, TimeSpan? Wait)
{
    /// <summary>Why the trial waits when that is worth a log line (its routers could not be read).</summary>
    public string? Note { get; init; }
}

/// <summary>
/// Carries out Canary and ShadowFirst promotions: puts the candidate into the target (a shadow, then a challenger),
/// records the routers' counters when every router serves it, judges the window's Traffic checks, and then promotes
/// it (spec.model, reason SCHEDULED_REFRESH) or withdraws it (the champion never stopped answering). Every step is
/// taken from status.trial and the target as they are, so a restarted operator goes on where it stopped. The
/// decisions are pure (<see cref="TrialProgress"/>, <see cref="TrafficChecks"/>, <see cref="TrialPatch"/>).
/// </summary>
public sealed class RefreshTrials(ResourceClient<MD> targets, TrialRouterMetrics metrics, TimeProvider time)
{
    /// <summary>A trial for a candidate that passed its Registry checks; nothing is written yet.</summary>
    public RefreshTrial Begin(RefreshPromotion? promotion, DateTimeOffset scheduledTime, DateTimeOffset startedAt, ModelVersion candidate, ModelSpec model, string championVersion, IReadOnlyList<RefreshCheckResult> registryChecks)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(registryChecks);
        return new RefreshTrial
        {
            ScheduledTime = scheduledTime,
            StartedAt = startedAt,
            Version = model.Version,
            Uri = model.Uri,
            Sha256 = model.Sha256,
            Metrics = candidate.Metrics.Count > 0 ? new Dictionary<string, double>(candidate.Metrics, StringComparer.Ordinal) : null,
            ChampionVersion = championVersion,
            Phase = promotion?.Strategy == RefreshPromotionStrategy.ShadowFirst ? RefreshTrialPhase.Shadow : RefreshTrialPhase.Canary,
            PhaseStartedAt = time.GetUtcNow(),
            Checks = registryChecks.Count > 0 ? registryChecks : null,
        };
    }

    /// <summary>One step of <paramref name="trial"/>; never throws for a problem of the target or its routers.</summary>
    public async Task<TrialOutcome> AdvanceAsync(Schedule schedule, RefreshTrial trial, MD? target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(trial);
        var promotion = schedule.Spec.Promotion;
        var now = time.GetUtcNow();
        var assessment = TrialProgress.Assess(trial, target, now, Window(promotion), ServingDeadline(target));
        switch (assessment.Step)
        {
            case TrialStep.Abandon:
                return await EndAsync(trial, target, RefreshRunResult.Failed, assessment.Message!, trial.Checks, cancellationToken).ConfigureAwait(false);
            case TrialStep.Promoted:
                return Promoted(trial, trial.Checks ?? []);
            case TrialStep.NotServed:
                return await EndAsync(trial, target, RefreshRunResult.Rejected, assessment.Message!, trial.Checks, cancellationToken).ConfigureAwait(false);
            case TrialStep.PutOnTrial:
                return await PutOnTrialAsync(trial, target!, promotion, cancellationToken).ConfigureAwait(false);
            case TrialStep.WaitForServing or TrialStep.Observe:
                return new TrialOutcome(trial, null, null, assessment.Wait);
        }

        var (counters, failure) = await metrics.ReadAsync(target!, trial, cancellationToken).ConfigureAwait(false);
        if (counters is null)
        {
            // A router restarting or being replaced: read again shortly rather than judge part of the traffic.
            return new TrialOutcome(trial, null, null, TrialProgress.ServingPoll) { Note = failure };
        }
        if (assessment.Step == TrialStep.StartWindow)
        {
            var started = trial with { ServedAt = now, ChampionBaseline = counters.Champion, CandidateBaseline = counters.Candidate };
            return new TrialOutcome(started, null, null, Window(promotion));
        }
        return await JudgeAsync(schedule.Metadata.Name!, trial, target!, promotion, counters, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the trial without promoting (a run that replaces it under concurrencyPolicy Replace).</summary>
    public Task<TrialOutcome> WithdrawAsync(RefreshTrial trial, MD? target, string message, CancellationToken cancellationToken) =>
        EndAsync(trial, target, RefreshRunResult.Skipped, message, trial.Checks, cancellationToken);

    private async Task<TrialOutcome> JudgeAsync(string scheduleName, RefreshTrial trial, MD target, RefreshPromotion? promotion, TrialCounters counters, CancellationToken cancellationToken)
    {
        var results = TrafficChecks.Judge(
            trial.Phase,
            TrafficCounters.Since(counters.Champion, trial.ChampionBaseline),
            TrafficCounters.Since(counters.Candidate, trial.CandidateBaseline),
            TrafficChecks.For(promotion, trial.Phase),
            promotion?.MinRequests ?? RefreshScheduleDefaults.MinRequests);
        IReadOnlyList<RefreshCheckResult> checks = [.. trial.Checks ?? [], .. results];
        var phase = TrialProgress.PhaseName(trial.Phase);
        var failed = results.Where(r => r.Verdict == RefreshCheckVerdict.Failed).ToList();
        if (failed.Count > 0)
        {
            var message = $"version {trial.Version} rejected after its window as a {phase}, the champion {trial.ChampionVersion} stays: {string.Join("; ", failed.Select(c => c.Message))}";
            return await EndAsync(trial, target, RefreshRunResult.Rejected, message, checks, cancellationToken).ConfigureAwait(false);
        }
        if (trial.Phase == RefreshTrialPhase.Shadow)
        {
            var canary = trial with
            {
                Phase = RefreshTrialPhase.Canary,
                PhaseStartedAt = time.GetUtcNow(),
                ServedAt = null,
                ChampionBaseline = null,
                CandidateBaseline = null,
                Checks = checks,
            };
            return await PutOnTrialAsync(canary, target, promotion, cancellationToken).ConfigureAwait(false);
        }
        if (await PatchAsync(target, TrialPatch.Promote(target, trial, scheduleName), cancellationToken).ConfigureAwait(false) is { } error)
        {
            return error.Conflict
                ? new TrialOutcome(trial, null, null, TimeSpan.FromSeconds(1))
                : new TrialOutcome(null, Run(trial, RefreshRunResult.Failed, $"promoting version {trial.Version} in ModelDeployment {target.Metadata.Name} failed: {error.Message}", checks), null, null);
        }
        return Promoted(trial, checks);
    }

    /// <summary>The run ends Promoted (the patch is written, now or before a restart).</summary>
    private TrialOutcome Promoted(RefreshTrial trial, IReadOnlyList<RefreshCheckResult> checks)
    {
        var passed = $"version {trial.Version} replaces {trial.ChampionVersion} after its trial: {checks.Count(c => c.Verdict != RefreshCheckVerdict.Failed)} check(s) passed";
        var promoted = new RefreshPromotedVersion { Version = trial.Version, Uri = trial.Uri, PromotedAt = time.GetUtcNow(), Metrics = trial.Metrics };
        return new TrialOutcome(null, Run(trial, RefreshRunResult.Promoted, passed, checks), promoted, null);
    }

    private async Task<TrialOutcome> PutOnTrialAsync(RefreshTrial trial, MD target, RefreshPromotion? promotion, CancellationToken cancellationToken)
    {
        var weight = CanaryWeight(promotion, target);
        if (TrialPatch.Conflict(target, trial, weight) is { } conflict)
        {
            return await EndAsync(trial, target, RefreshRunResult.Failed, conflict, trial.Checks, cancellationToken).ConfigureAwait(false);
        }
        if (await PatchAsync(target, TrialPatch.PutOnTrial(target, trial, weight), cancellationToken).ConfigureAwait(false) is { } error)
        {
            return error.Conflict
                ? new TrialOutcome(trial, null, null, TimeSpan.FromSeconds(1))
                : await EndAsync(trial, target, RefreshRunResult.Failed, $"putting version {trial.Version} on trial in ModelDeployment {target.Metadata.Name} failed: {error.Message}", trial.Checks, cancellationToken).ConfigureAwait(false);
        }
        return new TrialOutcome(trial, null, null, TrialProgress.ServingPoll);
    }

    private async Task<TrialOutcome> EndAsync(RefreshTrial trial, MD? target, RefreshRunResult result, string message, IReadOnlyList<RefreshCheckResult>? checks, CancellationToken cancellationToken)
    {
        if (target is not null && TrialPatch.Withdraw(target) is { } withdraw
            && await PatchAsync(target, withdraw, cancellationToken).ConfigureAwait(false) is { } error)
        {
            // The candidate must not stay in the target unjudged: keep the trial and try again.
            return new TrialOutcome(trial, null, null, error.Conflict ? TimeSpan.FromSeconds(1) : TrialProgress.ServingPoll);
        }
        return new TrialOutcome(null, Run(trial, result, message, checks), null, null);
    }

    private async Task<(bool Conflict, string Message)?> PatchAsync(MD target, JsonObject patch, CancellationToken cancellationToken)
    {
        try
        {
            await targets.MergePatchAsync(target.Metadata.NamespaceProperty, target.Metadata.Name!, patch, TargetModelPatch.FieldManager, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (KubernetesApiException e)
        {
            return (e.StatusCode == HttpStatusCode.Conflict, e.Message);
        }
    }

    private RefreshRun Run(RefreshTrial trial, RefreshRunResult result, string message, IReadOnlyList<RefreshCheckResult>? checks) => new()
    {
        ScheduledTime = trial.ScheduledTime,
        Version = trial.Version,
        StartedAt = trial.StartedAt,
        FinishedAt = time.GetUtcNow(),
        Result = result,
        Checks = checks is { Count: > 0 } ? checks : null,
        Message = message,
    };

    /// <summary>spec.promotion.window (validated), or its default.</summary>
    public static TimeSpan Window(RefreshPromotion? promotion) =>
        DurationParser.TryParse(promotion?.Window ?? RefreshScheduleDefaults.Window, out var window) ? window : TimeSpan.FromMinutes(10);

    /// <summary>spec.promotion.canaryWeight, else the weight of the target's first rollout step, else 10.</summary>
    public static int CanaryWeight(RefreshPromotion? promotion, MD target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return promotion?.CanaryWeight ?? (target.Spec.Rollout?.Steps is { Count: > 0 } steps ? steps[0].Weight : RefreshScheduleDefaults.CanaryWeight);
    }

    private static TimeSpan ServingDeadline(MD? target) =>
        TimeSpan.FromSeconds(target?.Spec.Rollout?.ProgressDeadlineSeconds ?? ModelDeploymentDefaults.ProgressDeadlineSeconds);
}
