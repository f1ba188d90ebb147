using Modelship.Serving.Pipelines;
using Modelship.Serving.Routing;

namespace Modelship.Serving.InferenceLog;

/// <summary>
/// One request to log, as queued on the caller's path: references to the bytes the router already holds and a few
/// numbers. Everything that parses or formats (request id, inputs, outputs, error text) happens on the writer.
/// </summary>
public sealed record InferenceLogEntry
{
    /// <summary>When the router had the answer (UTC).</summary>
    public required DateTime Time { get; init; }

    /// <summary>Used when the request body has no V2 <c>id</c>.</summary>
    public required string FallbackId { get; init; }

    public required string Model { get; init; }

    public required string Version { get; init; }

    /// <summary>champion, challenger or shadow; empty when the request was refused before a backend was chosen.</summary>
    public required string Role { get; init; }

    /// <summary>The HTTP status the caller got (for a shadow: the shadow's, 503/504 when it did not answer).</summary>
    public required int Status { get; init; }

    public required double LatencyMs { get; init; }

    /// <summary>The V2 request body; its <c>id</c> names the entry and its <c>inputs</c> are logged when <see cref="IncludeInputs"/>.</summary>
    public byte[]? RequestBody { get; init; }

    /// <summary>The backend's answer body; its <c>outputs</c> are logged when <see cref="IncludeOutputs"/>.</summary>
    public byte[]? ResponseBody { get; init; }

    public bool IncludeInputs { get; init; }

    public bool IncludeOutputs { get; init; }

    /// <summary>Why the request failed when the router knows; for other non-2xx answers the writer reads the body's <c>error</c>.</summary>
    public string? Error { get; init; }

    /// <summary>Checks the answer failed, e.g. predictions outside the table's bounds.</summary>
    public IReadOnlyList<string> CheckFailures { get; init; } = [];

    /// <summary>For a shadow: how its outputs compared with the answer the caller got.</summary>
    public ShadowComparison? Comparison { get; init; }

    /// <summary>For a pipeline request: what each step did, in order.</summary>
    public IReadOnlyList<StepLogRecord>? Steps { get; init; }

    public bool IsSuccessStatus => Status is >= 200 and < 300;

    /// <summary>A non-2xx status, an error or a failed check: logged whatever the sample when the table logs failures.</summary>
    public bool IsFailure => !IsSuccessStatus || Error is not null || CheckFailures.Count > 0;
}
