using System.ComponentModel;
using System.Text.Json.Serialization;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>
/// A candidate on trial in the target: what a restarted operator needs to go on judging it (the phase, when the
/// routers began serving it, and the routers' counters at that moment, from which the window's numbers are taken).
/// </summary>
public sealed record RefreshTrial
{
    [Description("ScheduledTime is the scheduled time of the run the trial belongs to.")]
    public DateTimeOffset? ScheduledTime { get; init; }

    [Description("StartedAt is when the run started.")]
    public required DateTimeOffset StartedAt { get; init; }

    [Description("Version is the candidate's version.")]
    public required string Version { get; init; }

    [Description("Uri is where the candidate's model is, as the target's spec.model.uri will be.")]
    public required string Uri { get; init; }

    [Description("Sha256 is the candidate's digest, when the registry reports one.")]
    public string? Sha256 { get; init; }

    [Description("Metrics are the candidate's registry-reported metrics, recorded in status.promoted when it is promoted.")]
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }

    [Description("ChampionVersion is the target's champion the candidate is judged against; a trial ends when the champion changes under it.")]
    public required string ChampionVersion { get; init; }

    [Description("Phase is Shadow (the candidate gets a copy of every request and answers nobody) or Canary (it answers a share of the requests).")]
    public required RefreshTrialPhase Phase { get; init; }

    [Description("PhaseStartedAt is when the candidate was put into the target for this phase.")]
    public required DateTimeOffset PhaseStartedAt { get; init; }

    [Description("ServedAt is when the target's routers were first seen serving the candidate in this phase; the window counts from it. Absent while the candidate is not served yet.")]
    public DateTimeOffset? ServedAt { get; init; }

    [Description("ChampionBaseline holds the routers' counters of the champion at servedAt.")]
    public RefreshTrafficCounters? ChampionBaseline { get; init; }

    [Description("CandidateBaseline holds the routers' counters of the candidate at servedAt (not zero when the version ran before).")]
    public RefreshTrafficCounters? CandidateBaseline { get; init; }

    [Description("Checks are the verdicts so far: the Registry checks from the start of the run, then the Traffic checks of each phase judged.")]
    public IReadOnlyList<RefreshCheckResult>? Checks { get; init; }
}

/// <summary>Where a candidate on trial is in the target.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefreshTrialPhase>))]
public enum RefreshTrialPhase
{
    /// <summary>A shadow of the champion: every request mirrored, no answer returned.</summary>
    Shadow,

    /// <summary>A challenger answering a share of the requests.</summary>
    Canary,
}

/// <summary>
/// A version's counters summed over the target's routers at one moment (cumulative since each router started): the
/// numbers a window subtracts from.
/// </summary>
public sealed record RefreshTrafficCounters
{
    [Description("Requests the version answered, or as a shadow was sent.")]
    [Minimum(0)]
    public long Requests { get; init; }

    [Description("Errors among them: 5xx answers, or as a shadow failed and unanswered mirrored requests.")]
    [Minimum(0)]
    public long Errors { get; init; }

    [Description("ComparedOutputs are the class output elements compared with the champion while the version ran as a shadow.")]
    [Minimum(0)]
    public long ComparedOutputs { get; init; }

    [Description("AgreedOutputs are those of comparedOutputs on which it agreed with the champion.")]
    [Minimum(0)]
    public long AgreedOutputs { get; init; }

    [Description("LatencyBuckets are the cumulative counts of the version's request duration histogram by upper bound.")]
    [MaxItems(64)]
    public IReadOnlyList<RefreshLatencyBucket>? LatencyBuckets { get; init; }
}

/// <summary>One cumulative histogram bucket.</summary>
public sealed record RefreshLatencyBucket
{
    [Description("Le is the bucket's upper bound in seconds, as Prometheus writes it (+Inf for the last).")]
    public required string Le { get; init; }

    [Description("Count is the number of observations at most le.")]
    [Minimum(0)]
    public required double Count { get; init; }
}
