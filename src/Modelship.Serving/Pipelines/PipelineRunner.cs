using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Modelship.Api.Routing;
using Modelship.Serving.InferenceLog;
using Modelship.Serving.Protocol;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Pipelines;

/// <summary>
/// Runs a pipeline for one request: the steps of the snapshot the request read, in order, each step's model
/// exchanges through the router's forwarder; then writes the answer (or the failing step's error), and after it
/// counts, logs and mirrors challengers, as the router does for a ModelDeployment.
/// </summary>
internal sealed class PipelineRunner(
    BackendForwarder forwarder,
    ShadowMirror shadows,
    RouterMetrics metrics,
    PipelineMetrics pipelineMetrics,
    WeightedSplit split,
    ILogger logger,
    InferenceLogRecorder? inferenceLog)
{
    public const string StepModelsHeader = "x-modelship-step-models";
    private const string JsonContentType = "application/json";

    public async Task RunAsync(HttpContext context, RoutingSnapshot snapshot, CompiledPipeline pipeline, byte[] body, long started)
    {
        PipelineRequest request;
        try
        {
            request = V2Bodies.ReadRequest(body);
        }
        catch (InferenceProtocolException e)
        {
            var failure = new StepFailure(StatusCodes.Status400BadRequest, $"the request is not a valid V2 inference request: {e.Message}", "request");
            await FinishAsync(context, snapshot, pipeline, body, null, failure, null, started).ConfigureAwait(false);
            return;
        }
        var run = new PipelineRun(pipeline, request, context.Request);
        StepFailure? stepFailure = null;
        CompiledStep? failedStep = null;
        foreach (var step in pipeline.Steps)
        {
            var stepStarted = Stopwatch.GetTimestamp();
            var record = run.Trace is null ? null : new StepLogRecord { Name = step.Name, Kind = KindName(step.Kind) };
            stepFailure = await RunStepAsync(run, step, record).ConfigureAwait(false);
            var duration = Stopwatch.GetElapsedTime(stepStarted);
            if (stepFailure == StepFailure.CallerAborted)
            {
                return;
            }
            pipelineMetrics.StepCompleted(pipeline.Name, step.Name, duration);
            if (record is not null)
            {
                record.LatencyMs = duration.TotalMilliseconds;
                record.Outputs = run.Current;
                record.Error = stepFailure?.Message;
                run.Trace!.Add(record);
            }
            if (stepFailure is not null)
            {
                failedStep = step;
                pipelineMetrics.StepFailed(pipeline.Name, step.Name, stepFailure.Reason);
                PipelineLog.StepFailed(logger, pipeline.Name, step.Name, stepFailure.Status, stepFailure.Message);
                break;
            }
        }
        var outputs = run.Current;
        if (stepFailure is null && request.RequestedOutputs is { } requested)
        {
            outputs = Requested(run, requested, out stepFailure);
        }
        await FinishAsync(context, snapshot, pipeline, body, run, stepFailure, failedStep, started, outputs).ConfigureAwait(false);
    }

    private Task<StepFailure?> RunStepAsync(PipelineRun run, CompiledStep step, StepLogRecord? record) => step.Kind switch
    {
        StepKind.Model => RunModelAsync(run, step, step.Models[0], record),
        StepKind.KeySplit => RunModelAsync(run, step, step.Models[step.RouteIndex(run.KeyValue(step.Step.Key!))], record),
        StepKind.RandomSplit => RunModelAsync(run, step, step.Models[step.WeightedIndex(RandomSplitPercent(run, step))], record),
        StepKind.ShadowDeploy => RunShadowDeployAsync(run, step, record),
        StepKind.MultiModel => RunMultiModelAsync(run, step, record),
        StepKind.Audit => Task.FromResult(Audit(run, step, record)),
        StepKind.Select => Task.FromResult(Select(run, step)),
        _ => Task.FromResult(Validate(run, step, record)),
    };

    private double RandomSplitPercent(PipelineRun run, CompiledStep step) =>
        step.Step.Key is { } key && run.KeyValue(key) is { } value ? StickyHashSplit.Percent(value) : split.NextPercent();

    private async Task<StepFailure?> RunModelAsync(PipelineRun run, CompiledStep step, StepTarget target, StepLogRecord? record)
    {
        if (StepInputs(run, step, out var failure) is not { } inputs)
        {
            return failure;
        }
        var body = V2Bodies.WriteStepRequest(run.Request.Id, inputs, step.Step.PredictionDefaults);
        if (record is not null)
        {
            record.Inputs = inputs;
        }
        var exchange = await ExchangeAsync(run, step, target, body, record).ConfigureAwait(false);
        if (exchange.Failure is null)
        {
            run.Current = exchange.Answer!.Outputs;
            run.FromRequest = false;
        }
        return exchange.Failure;
    }

    private async Task<StepFailure?> RunShadowDeployAsync(PipelineRun run, CompiledStep step, StepLogRecord? record)
    {
        if (StepInputs(run, step, out var failure) is not { } inputs)
        {
            return failure;
        }
        var body = V2Bodies.WriteStepRequest(run.Request.Id, inputs, step.Step.PredictionDefaults);
        if (record is not null)
        {
            record.Inputs = inputs;
        }
        var champion = step.Models[step.ChampionIndex];
        var exchange = await ExchangeAsync(run, step, champion, body, record).ConfigureAwait(false);
        if (exchange.Failure is not null)
        {
            return exchange.Failure;
        }
        run.Current = exchange.Answer!.Outputs;
        run.FromRequest = false;
        for (var i = 0; i < step.Models.Length; i++)
        {
            if (i != step.ChampionIndex)
            {
                run.Challengers.Add((step, step.Models[i], body, exchange.Response));
            }
        }
        return null;
    }

    private async Task<StepFailure?> RunMultiModelAsync(PipelineRun run, CompiledStep step, StepLogRecord? record)
    {
        if (StepInputs(run, step, out var failure) is not { } inputs)
        {
            return failure;
        }
        var body = V2Bodies.WriteStepRequest(run.Request.Id, inputs, step.Step.PredictionDefaults);
        if (record is not null)
        {
            record.Inputs = inputs;
        }
        var exchanges = new Task<ModelExchange>[step.Models.Length];
        for (var i = 0; i < exchanges.Length; i++)
        {
            exchanges[i] = ExchangeAsync(run, step, step.Models[i], body, record);
        }
        var results = await Task.WhenAll(exchanges).ConfigureAwait(false);
        if (results.Any(r => r.Failure == StepFailure.CallerAborted))
        {
            return StepFailure.CallerAborted;
        }
        // first needs one answer; the other combines need them all.
        var failed = results.FirstOrDefault(r => r.Failure is not null)?.Failure;
        if (failed is not null && (step.Step.Combine != StepCombine.First || results.All(r => r.Failure is not null)))
        {
            return failed;
        }
        try
        {
            run.Current = EnsembleCombiner.Combine(step.Name, step.Step.Combine, [.. results.Select((r, i) => (step.Models[i].Name, r.Answer?.Outputs))]);
            run.FromRequest = false;
            return null;
        }
        catch (InferenceProtocolException e)
        {
            return new StepFailure(StatusCodes.Status502BadGateway, $"step '{step.Name}': cannot {KindName(step.Step.Combine)} the models' outputs: {e.Message}", "answer");
        }
    }

    private static StepFailure? Audit(PipelineRun run, CompiledStep step, StepLogRecord? record)
    {
        var (start, end) = step.Slice.Resolve(run.Current.Count);
        if (record is not null)
        {
            record.Audit = [.. run.Current.Skip(start).Take(end - start)];
        }
        run.Audited = true;
        return null;
    }

    private static StepFailure? Select(PipelineRun run, CompiledStep step)
    {
        var index = step.Step.Index;
        if (index >= run.Current.Count)
        {
            return run.TensorFailure(step, $"selects tensor {index}, but it receives {run.Current.Count} ({run.CurrentNames})");
        }
        run.Current = [run.Current[index]];
        return null;
    }

    private StepFailure? Validate(PipelineRun run, CompiledStep step, StepLogRecord? record)
    {
        var variables = new Dictionary<string, object?>(2, StringComparer.Ordinal)
        {
            [Api.Validation.CelExpressions.Outputs] = TensorValues.Map(run.Current),
            [Api.Validation.CelExpressions.Inputs] = step.ValidationsUseInputs ? TensorValues.Map(run.Request.Inputs) : new Dictionary<string, object>(),
        };
        List<CheckFailure>? failed = null;
        foreach (var validation in step.Validations)
        {
            string? reason;
            try
            {
                var result = validation.Program(variables);
                reason = result switch
                {
                    true => null,
                    false => $"'{validation.Expression}' is false",
                    _ => $"'{validation.Expression}' is {result?.GetType().Name ?? "null"}, not a bool",
                };
            }
            catch (Exception e)
            {
                // Whatever the expression does with the data (a missing tensor, a wrong type), it is the check's failure.
                reason = $"'{validation.Expression}' could not be evaluated: {e.Message}";
            }
            if (reason is null)
            {
                continue;
            }
            var failure = new CheckFailure(step.Name, validation.Name, reason);
            (failed ??= []).Add(failure);
            run.CheckFailures.Add(failure);
            record?.CheckFailures.Add(failure.LogText);
            pipelineMetrics.CheckFailed(run.Pipeline.Name, step.Name, validation.Name);
            PipelineLog.CheckFailed(logger, run.Pipeline.Name, step.Name, validation.Name, reason);
        }
        if (failed is not null && step.Step.RejectOnFailure)
        {
            return new StepFailure(StatusCodes.Status422UnprocessableEntity,
                $"step '{step.Name}': {string.Join("; ", failed.Select(f => $"validation '{f.Validation}' failed: {f.Reason}"))}", "rejected");
        }
        return null;
    }

    /// <summary>The tensors a step's models receive, renamed by its input map; null with the failure when one is missing.</summary>
    private static IReadOnlyList<RawTensor>? StepInputs(PipelineRun run, CompiledStep step, out StepFailure? failure)
    {
        failure = null;
        if (step.InputMap is not { } map)
        {
            return run.Current;
        }
        var inputs = new RawTensor[map.Length];
        for (var i = 0; i < map.Length; i++)
        {
            if (!run.TryFind(map[i].Tensor, out var tensor))
            {
                failure = run.TensorFailure(step, $"input '{map[i].Input}' maps to tensor '{map[i].Tensor}', which is not among the tensors it receives ({run.CurrentNames})");
                return null;
            }
            inputs[i] = tensor.WithName(map[i].Input);
        }
        return inputs;
    }

    private async Task<ModelExchange> ExchangeAsync(PipelineRun run, CompiledStep step, StepTarget target, byte[] body, StepLogRecord? record)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await forwarder.SendAsync(HttpMethod.Post, target.InferUri, body, JsonContentType, run.Aborted).ConfigureAwait(false);
        var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var who = $"step '{step.Name}': model '{target.Name}' (version {target.Backend.Version})";
        switch (response.Outcome)
        {
            case BackendOutcome.CallerAborted:
                return new ModelExchange(response, null, StepFailure.CallerAborted);
            case BackendOutcome.TimedOut:
                Use(run, step, record, new ModelUse(target.Name, target.Backend.Version, StatusCodes.Status504GatewayTimeout, latency));
                return new ModelExchange(response, null, new StepFailure(StatusCodes.Status504GatewayTimeout, $"{who}: {response.Failure}", "timeout"));
            case BackendOutcome.Unreachable:
                Use(run, step, record, new ModelUse(target.Name, target.Backend.Version, StatusCodes.Status503ServiceUnavailable, latency));
                return new ModelExchange(response, null, new StepFailure(StatusCodes.Status502BadGateway, $"{who} is unreachable: {response.Failure}", "unreachable"));
            default:
                break;
        }
        if (!response.IsSuccess)
        {
            Use(run, step, record, new ModelUse(target.Name, target.Backend.Version, response.StatusCode, latency));
            var error = TopLevelJson.GetString(response.Body, "error"u8) ?? $"status {response.StatusCode}";
            // A 4xx to the caller's own tensors is the caller's to fix; anything later is the pipeline's.
            var status = run.FromRequest && step.InputMap is null && response.StatusCode is >= 400 and < 500
                ? StatusCodes.Status400BadRequest
                : StatusCodes.Status502BadGateway;
            return new ModelExchange(response, null, new StepFailure(status, $"{who} answered {response.StatusCode}: {error}", "status"));
        }
        try
        {
            var answer = V2Bodies.ReadAnswer(response.Body);
            Use(run, step, record, new ModelUse(target.Name, answer.ModelVersion ?? target.Backend.Version, response.StatusCode, latency));
            return new ModelExchange(response, answer, null);
        }
        catch (InferenceProtocolException e)
        {
            Use(run, step, record, new ModelUse(target.Name, target.Backend.Version, response.StatusCode, latency));
            return new ModelExchange(response, null, new StepFailure(StatusCodes.Status502BadGateway, $"{who} answered no V2 outputs: {e.Message}", "answer"));
        }
    }

    private static void Use(PipelineRun run, CompiledStep step, StepLogRecord? record, ModelUse use)
    {
        lock (run.ModelsUsed)
        {
            // multiModel exchanges finish on their own continuations.
            run.ModelsUsed.Add((step.Name, use));
            record?.Models.Add(use);
        }
    }

    private static IReadOnlyList<RawTensor> Requested(PipelineRun run, IReadOnlyList<string> names, out StepFailure? failure)
    {
        failure = null;
        var outputs = new List<RawTensor>(names.Count);
        foreach (var name in names)
        {
            if (!run.TryFind(name, out var tensor))
            {
                failure = new StepFailure(StatusCodes.Status400BadRequest, $"the request asks for output '{name}', which the pipeline does not produce (it produces {run.CurrentNames})", "request");
                return outputs;
            }
            outputs.Add(tensor);
        }
        return outputs;
    }

    /// <summary>Writes the answer or the error, then counts, logs and mirrors the challengers; the caller waits only for the first part.</summary>
    private async Task FinishAsync(
        HttpContext context,
        RoutingSnapshot snapshot,
        CompiledPipeline pipeline,
        byte[] body,
        PipelineRun? run,
        StepFailure? failure,
        CompiledStep? failedStep,
        long started,
        IReadOnlyList<RawTensor>? outputs = null)
    {
        var response = context.Response;
        response.Headers[RouterEndpoints.GenerationHeader] = pipeline.GenerationText;
        if (run is { ModelsUsed.Count: > 0 })
        {
            response.Headers[StepModelsHeader] = string.Join(',', run.ModelsUsed.Select(u => $"{u.Step}:{u.Use.Model}@{u.Use.Version}"));
        }
        var checkFailures = run?.CheckFailures ?? [];
        var status = failure?.Status ?? StatusCodes.Status200OK;
        var answer = failure is null
            ? V2Bodies.WriteAnswer(pipeline.Name, pipeline.GenerationText, run!.Request.Id, checkFailures, outputs!)
            : ErrorBody(failure, failedStep, checkFailures);
        response.StatusCode = status;
        response.ContentType = JsonContentType;
        response.ContentLength = answer.Length;
        try
        {
            await response.Body.WriteAsync(answer, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        var latency = Stopwatch.GetElapsedTime(started);
        metrics.RequestCompleted(pipeline.Name, "", "pipeline", status, started);
        var log = inferenceLog?.RecordPipeline(snapshot, body, answer, status, latency, failure?.Message, [.. checkFailures.Select(f => f.LogText)], run?.Trace, run?.Audited == true);
        if (run is null)
        {
            return;
        }
        foreach (var (step, challenger, stepBody, championAnswer) in run.Challengers)
        {
            shadows.TryEnqueue(new ShadowRequest(step.ShadowModelLabel, challenger.AsShadow, stepBody, JsonContentType, championAnswer, log));
        }
    }

    private static byte[] ErrorBody(StepFailure failure, CompiledStep? step, IReadOnlyList<CheckFailure> checkFailures)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ProtocolJsonContext.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("error"u8, failure.Message);
            if (step is not null)
            {
                writer.WriteString("step"u8, step.Name);
            }
            if (failure.Status == StatusCodes.Status422UnprocessableEntity)
            {
                CheckFailure.WriteArray(writer, "check_failures"u8, checkFailures);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static string KindName(StepKind kind) => kind switch
    {
        StepKind.Model => "model",
        StepKind.MultiModel => "multiModel",
        StepKind.KeySplit => "keySplit",
        StepKind.RandomSplit => "randomSplit",
        StepKind.ShadowDeploy => "shadowDeploy",
        StepKind.Audit => "audit",
        StepKind.Select => "select",
        _ => "validations",
    };

    private static string KindName(StepCombine combine) => combine switch
    {
        StepCombine.Mean => "average",
        StepCombine.Vote => "vote over",
        _ => "combine",
    };

    private sealed record ModelExchange(BackendResponse Response, StepAnswer? Answer, StepFailure? Failure);
}
