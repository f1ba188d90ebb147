namespace Modelship.Api.Routing;

/// <summary>
/// One pipeline step as the router runs it, with its models resolved to model servers. Which fields apply depends on
/// <see cref="Kind"/>; <see cref="RoutingPipelineValidator"/> states the rules.
/// </summary>
public sealed record RoutingStep
{
    /// <summary>Unique name of the step; error answers, metrics and logs name it.</summary>
    public required string Name { get; init; }

    public required StepKind Kind { get; init; }

    /// <summary>Model input name to the name of a current tensor; when set, the step's models receive only these.</summary>
    public IReadOnlyDictionary<string, string>? InputMap { get; init; }

    /// <summary>The model servers of model, multiModel, keySplit, randomSplit and shadowDeploy steps.</summary>
    public IReadOnlyList<StepBackend> Models { get; init; } = [];

    /// <summary>multiModel: how the outputs are combined.</summary>
    public StepCombine Combine { get; init; }

    /// <summary>keySplit: the key; randomSplit: the optional hash key.</summary>
    public StepKey? Key { get; init; }

    /// <summary>keySplit: key value to model name (ordinal comparison).</summary>
    public IReadOnlyDictionary<string, string> Routes { get; init; } = new Dictionary<string, string>();

    /// <summary>keySplit: the model for other values.</summary>
    public string? Default { get; init; }

    /// <summary>shadowDeploy: the model whose outputs go on; the other models are challengers.</summary>
    public string? Champion { get; init; }

    /// <summary>audit: python-like <c>start:end</c> over the current tensors (<see cref="TensorSlice"/>).</summary>
    public string? Slice { get; init; }

    /// <summary>select: position of the tensor to keep.</summary>
    public int Index { get; init; }

    /// <summary>validations: named CEL expressions that must be true.</summary>
    public IReadOnlyList<StepValidation> Validations { get; init; } = [];

    /// <summary>validations: answer 422 when a check fails instead of answering with the failures listed.</summary>
    public bool RejectOnFailure { get; init; }

    /// <summary>Parameters sent with every request of this step to its models; none when absent.</summary>
    public ParameterDefaults? PredictionDefaults { get; init; }
}
