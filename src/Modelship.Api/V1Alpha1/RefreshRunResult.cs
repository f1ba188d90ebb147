using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>How a RefreshSchedule run ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefreshRunResult>))]
public enum RefreshRunResult
{
    /// <summary>The candidate became the target's champion.</summary>
    Promoted,

    /// <summary>A metric check failed; the champion stays.</summary>
    Rejected,

    /// <summary>The source, a Secret or the target could not be used.</summary>
    Failed,

    /// <summary>Not run: the start was missed, or a rollout is in progress under concurrencyPolicy Forbid.</summary>
    Skipped,

    /// <summary>The candidate is already the champion.</summary>
    NoNewVersion,

    /// <summary>A schedule without a source: the run only started the batch prediction.</summary>
    BatchOnly,
}

/// <summary>The verdict of one metric check.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefreshCheckVerdict>))]
public enum RefreshCheckVerdict
{
    /// <summary>The candidate is comparable or better.</summary>
    Passed,

    /// <summary>The candidate regressed by more than allowed, or reports no value.</summary>
    Failed,

    /// <summary>No champion value to compare with; the check passes.</summary>
    NoBaseline,
}
