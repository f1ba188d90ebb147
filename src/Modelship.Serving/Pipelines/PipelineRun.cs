using Microsoft.AspNetCore.Http;
using Modelship.Api.Routing;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Pipelines;

/// <summary>
/// The state of one request going through a pipeline: the current tensors, whether they are still the caller's,
/// the models used, check failures, challengers to mirror, and (when the table logs) the per-step trace.
/// </summary>
internal sealed class PipelineRun(CompiledPipeline pipeline, PipelineRequest request, HttpRequest http)
{
    public CompiledPipeline Pipeline { get; } = pipeline;

    public PipelineRequest Request { get; } = request;

    /// <summary>The tensors the next step receives.</summary>
    public IReadOnlyList<RawTensor> Current { get; set; } = request.Inputs;

    /// <summary>True until a model has answered: until then a tensor that does not fit is the caller's, not a model's.</summary>
    public bool FromRequest { get; set; } = true;

    public List<StepLogRecord>? Trace { get; } = pipeline.Logs ? [] : null;

    public List<CheckFailure> CheckFailures { get; } = [];

    public List<(string Step, ModelUse Use)> ModelsUsed { get; } = [];

    /// <summary>shadowDeploy challengers to mirror once the answer is written and logged.</summary>
    public List<(CompiledStep Step, StepTarget Challenger, byte[] Body, BackendResponse ChampionAnswer)> Challengers { get; } = [];

    /// <summary>An audit step ran: the entry is logged whatever the sample.</summary>
    public bool Audited { get; set; }

    public CancellationToken Aborted => http.HttpContext.RequestAborted;

    public bool TryFind(string name, out RawTensor tensor)
    {
        foreach (var candidate in Current)
        {
            if (string.Equals(candidate.Name, name, StringComparison.Ordinal))
            {
                tensor = candidate;
                return true;
            }
        }
        tensor = default;
        return false;
    }

    /// <summary>The value of a step's key for this request, or null when the request does not carry it.</summary>
    public string? KeyValue(StepKey key) => key.Source switch
    {
        StepKeySource.Header => http.Headers.TryGetValue(key.Name, out var values) && values.Count > 0 ? values[0] : null,
        StepKeySource.Parameter => V2Bodies.ParameterText(Request.Parameters, key.Name),
        _ => TryFind(key.Name, out var tensor) ? V2Bodies.ElementText(tensor, key.Index) : null,
    };

    /// <summary>A failure caused by tensors that do not fit the step: the caller's (400) before any model answered, else the previous step's (502).</summary>
    public StepFailure TensorFailure(CompiledStep step, string problem) =>
        new(FromRequest ? StatusCodes.Status400BadRequest : StatusCodes.Status502BadGateway, $"step '{step.Name}': {problem}", "tensors");

    /// <summary>The names of the current tensors, for messages.</summary>
    public string CurrentNames => Current.Count == 0 ? "none" : string.Join(", ", Current.Select(t => t.Name));
}
