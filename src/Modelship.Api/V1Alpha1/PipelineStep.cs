using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>One step of a <see cref="Pipeline"/>: a name, an optional input map and exactly one kind.</summary>
public sealed record PipelineStep
{
    /// <summary>Unique name of the step (a DNS label); errors, metrics and logs name it.</summary>
    [Description("Name of the step, unique within the pipeline: 1-63 lowercase letters, digits or '-', starting and ending with a letter or digit. Error answers, metrics and inference log entries name it.")]
    [Length(1, 63)]
    [Pattern(BackendName.Pattern)]
    public required string Name { get; init; }

    /// <summary>Renames and selects the tensors this step receives.</summary>
    [Description("InputMap maps each input this step's models receive to the name of a tensor the previous step produced (the request's inputs for the first step), as in input: features. When set, the step receives only the mapped tensors; when absent, all of them under their own names.")]
    public IReadOnlyDictionary<string, string>? InputMap { get; init; }

    /// <summary>One model.</summary>
    [Description("Model runs one model: a ModelDeployment in the same namespace (its own champion, challengers and shadows apply) or an inline model the Pipeline deploys.")]
    public StepModel? Model { get; init; }

    /// <summary>An ensemble.</summary>
    [Description("MultiModel sends the same inputs to several models in parallel and combines their outputs.")]
    public MultiModelStep? MultiModel { get; init; }

    /// <summary>Routing by a key's value.</summary>
    [Description("KeySplit runs the model chosen by the value of a key (an input element, a request header or a V2 request parameter).")]
    public KeySplitStep? KeySplit { get; init; }

    /// <summary>Weighted random routing.</summary>
    [Description("RandomSplit runs one model chosen at random in proportion to the weights, or consistently by a hash key.")]
    public RandomSplitStep? RandomSplit { get; init; }

    /// <summary>A champion and challengers that all see every input.</summary>
    [Description("ShadowDeploy runs the champion and, off the request path, every challenger on each input; all answers are logged and compared with the champion's, and only the champion's outputs go on.")]
    public ShadowDeployStep? ShadowDeploy { get; init; }

    /// <summary>Logs a slice of the current tensors.</summary>
    [Description("Audit logs a slice of the current tensors with the request's inference log entry; the tensors go on unchanged.")]
    public AuditStep? Audit { get; init; }

    /// <summary>Keeps one tensor.</summary>
    [Description("Select keeps only the current tensor at an index.")]
    public SelectStep? Select { get; init; }

    /// <summary>Named checks over the current tensors.</summary>
    [Description("Validations are named CEL expressions over the current tensors; every failure is counted, logged and returned in the answer's parameters, and onFailure: Reject answers 422 instead.")]
    public ValidationsStep? Validations { get; init; }

    /// <summary>V2 parameters sent with this step's model requests.</summary>
    [Description("PredictionDefaults are V2 request parameters sent with every request this step makes to its models (model, multiModel, keySplit, randomSplit and shadowDeploy steps).")]
    public PredictionDefaults? PredictionDefaults { get; init; }

    /// <summary>The kinds this step sets, by field name, in declaration order; a valid step sets exactly one.</summary>
    public IReadOnlyList<string> KindsSet()
    {
        var kinds = new List<string>(1);
        AddIf(kinds, Model, "model");
        AddIf(kinds, MultiModel, "multiModel");
        AddIf(kinds, KeySplit, "keySplit");
        AddIf(kinds, RandomSplit, "randomSplit");
        AddIf(kinds, ShadowDeploy, "shadowDeploy");
        AddIf(kinds, Audit, "audit");
        AddIf(kinds, Select, "select");
        AddIf(kinds, Validations, "validations");
        return kinds;
    }

    /// <summary>Every kind field's name, for messages.</summary>
    public const string KindNames = "model, multiModel, keySplit, randomSplit, shadowDeploy, audit, select or validations";

    private static void AddIf(List<string> kinds, object? kind, string name)
    {
        if (kind is not null)
        {
            kinds.Add(name);
        }
    }
}
