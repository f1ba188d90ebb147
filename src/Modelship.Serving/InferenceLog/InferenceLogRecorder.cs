using Modelship.Serving.Pipelines;
using Modelship.Serving.Routing;

namespace Modelship.Serving.InferenceLog;

/// <summary>
/// The router's side of the inference log: decides per request, with the table the request was served from, whether
/// it is logged, and queues an entry holding what the router already has. Called after the caller's answer is
/// written; it only draws a random number, builds a small record and enqueues it.
/// </summary>
public sealed class InferenceLogRecorder(InferenceLogWriter writer, InferenceLogSampler sampler)
{
    /// <summary>Logs a backend's answer to the caller; returns what the request's shadows log with, or null when the table logs nothing.</summary>
    public InferenceLogContext? RecordAnswer(
        RoutingSnapshot snapshot, RoutedBackend backend, byte[] body, BackendResponse answer, int status, TimeSpan latency, IReadOnlyList<string> checkFailures)
    {
        var context = StartAnswer(snapshot);
        if (context is not null)
        {
            WriteAnswer(context, snapshot, backend, body, answer, status, latency, DateTime.UtcNow, checkFailures);
        }
        return context;
    }

    /// <summary>
    /// The first half of <see cref="RecordAnswer"/> for an entry written later (once the drift monitor has checked the
    /// request): the sampling draw and id the request and its shadows log with, or null when the table logs nothing.
    /// </summary>
    public InferenceLogContext? StartAnswer(RoutingSnapshot snapshot) =>
        snapshot.Table.Log is { } settings ? new InferenceLogContext(settings, sampler.Sample(settings), InferenceLogIds.Next()) : null;

    /// <summary>Writes the entry of an answer started with <see cref="StartAnswer"/>, if the sample or a failure says so; <paramref name="time"/> is when the router had the answer.</summary>
    public void WriteAnswer(
        InferenceLogContext context, RoutingSnapshot snapshot, RoutedBackend backend, byte[] body, BackendResponse answer, int status, TimeSpan latency, DateTime time,
        IReadOnlyList<string> checkFailures)
    {
        var settings = context.Settings;
        var entry = new InferenceLogEntry
        {
            Time = time,
            FallbackId = context.FallbackId,
            Model = snapshot.Table.ModelName,
            Version = backend.Version,
            Role = backend.RoleName,
            Status = status,
            LatencyMs = latency.TotalMilliseconds,
            RequestBody = body,
            ResponseBody = answer.Body,
            IncludeInputs = settings.IncludeInputs,
            IncludeOutputs = settings.IncludeOutputs,
            Error = answer.Outcome == BackendOutcome.Answered ? null : $"backend '{backend.Name}' (version {backend.Version}): {answer.Failure}",
            CheckFailures = checkFailures,
        };
        if (InferenceLogSampler.ShouldLog(settings, context.Sampled, entry.IsFailure))
        {
            writer.TryWrite(entry);
        }
    }

    /// <summary>
    /// Logs a pipeline request: the caller's body, the answer (or error) the router wrote and the steps' trace, as one
    /// entry. An audited request is logged whatever the sample. Returns what its challengers log with, or null.
    /// </summary>
    public InferenceLogContext? RecordPipeline(
        RoutingSnapshot snapshot, byte[] body, byte[] answer, int status, TimeSpan latency, string? error, IReadOnlyList<string> checkFailures,
        IReadOnlyList<StepLogRecord>? steps, bool audited)
    {
        if (snapshot.Table.Log is not { } settings)
        {
            return null;
        }
        var context = new InferenceLogContext(settings, sampler.Sample(settings), InferenceLogIds.Next());
        var entry = new InferenceLogEntry
        {
            Time = DateTime.UtcNow,
            FallbackId = context.FallbackId,
            Model = snapshot.Table.ModelName,
            Version = snapshot.Pipeline?.GenerationText ?? "",
            Role = "pipeline",
            Status = status,
            LatencyMs = latency.TotalMilliseconds,
            RequestBody = body,
            ResponseBody = answer,
            IncludeInputs = settings.IncludeInputs,
            IncludeOutputs = settings.IncludeOutputs,
            Error = error,
            CheckFailures = checkFailures,
            Steps = steps,
        };
        if (audited || InferenceLogSampler.ShouldLog(settings, context.Sampled, entry.IsFailure))
        {
            writer.TryWrite(entry);
        }
        return context;
    }

    /// <summary>Logs an inference request the router refused before any backend saw it (413, unknown version, malformed body).</summary>
    public void RecordRefused(RoutingSnapshot snapshot, string version, byte[]? body, int status, string error, TimeSpan latency)
    {
        if (snapshot.Table.Log is not { } settings || !InferenceLogSampler.ShouldLog(settings, sampler.Sample(settings), failed: true))
        {
            return;
        }
        writer.TryWrite(new InferenceLogEntry
        {
            Time = DateTime.UtcNow,
            FallbackId = InferenceLogIds.Next(),
            Model = snapshot.Table.ModelName,
            Version = version,
            Role = "",
            Status = status,
            LatencyMs = latency.TotalMilliseconds,
            RequestBody = body,
            IncludeInputs = settings.IncludeInputs,
            Error = error,
        });
    }

    /// <summary>
    /// Logs a shadow's answer under the id of the request it mirrors: when that request was sampled, or when the
    /// shadow failed (no answer, error status, outputs that cannot be compared) and failures are logged.
    /// </summary>
    public void RecordShadow(
        ShadowRequest request, BackendResponse answer, TimeSpan latency, ShadowComparison? comparison, string? failure)
    {
        if (request.Log is not { } context)
        {
            return;
        }
        var settings = context.Settings;
        var answered = answer.Outcome == BackendOutcome.Answered;
        var entry = new InferenceLogEntry
        {
            Time = DateTime.UtcNow,
            FallbackId = context.FallbackId,
            Model = request.Model,
            Version = request.Shadow.Version,
            Role = request.Shadow.RoleName,
            Status = answered ? answer.StatusCode : answer.Outcome == BackendOutcome.TimedOut ? 504 : 503,
            LatencyMs = latency.TotalMilliseconds,
            RequestBody = request.Body,
            ResponseBody = answer.Body,
            IncludeInputs = settings.IncludeInputs,
            IncludeOutputs = settings.IncludeOutputs,
            Error = answered ? null : $"shadow '{request.Shadow.Name}' (version {request.Shadow.Version}): {answer.Failure}",
            CheckFailures = answered && failure is not null ? [$"shadow mismatch: {failure}"] : [],
            Comparison = comparison,
        };
        if (InferenceLogSampler.ShouldLog(settings, context.Sampled, entry.IsFailure))
        {
            writer.TryWrite(entry);
        }
    }
}

