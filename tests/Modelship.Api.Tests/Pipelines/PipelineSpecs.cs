using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Tests.Pipelines;

/// <summary>Small valid Pipeline specs for tests to vary.</summary>
internal static class PipelineSpecs
{
    public static StepModel Inline(string version, string? name = null) =>
        new() { Name = name, Model = new InlineModelSpec { Uri = $"pvc://models/iris/{version}.onnx", Version = version } };

    public static StepModel Ref(string deployment, string? name = null) =>
        new() { Name = name, ModelDeploymentRef = new ModelDeploymentReference { Name = deployment } };

    /// <summary>One step of every kind.</summary>
    public static PipelineSpec EveryKind() => new()
    {
        Steps =
        [
            new PipelineStep { Name = "preprocess", Model = Inline("v1") },
            new PipelineStep
            {
                Name = "by-country",
                KeySplit = new KeySplitStep
                {
                    MetaKey = new MetaKey { Source = MetaKeySource.Parameter, Name = "country" },
                    Models = [Ref("iris"), Inline("v2", "iris-eu")],
                    Options = [new KeySplitOption { Value = "fr", Model = "iris-eu" }, new KeySplitOption { Value = "de", Model = "iris-eu" }],
                    Default = "iris",
                },
            },
            new PipelineStep
            {
                Name = "ab",
                InputMap = new Dictionary<string, string> { ["input"] = "features" },
                RandomSplit = new RandomSplitStep
                {
                    Models = [Inline("v1", "a"), Inline("v2", "b")],
                    Options = [new RandomSplitOption { Model = "a", Weight = 1 }, new RandomSplitOption { Model = "b", Weight = 2 }],
                    HashKey = new MetaKey { Source = MetaKeySource.Header, Name = "x-user" },
                },
            },
            new PipelineStep { Name = "ensemble", MultiModel = new MultiModelStep { Models = [Ref("iris"), Inline("v3", "deep")], Combine = CombineMode.Mean } },
            new PipelineStep { Name = "classify", ShadowDeploy = new ShadowDeployStep { Champion = Ref("iris"), Challengers = [Inline("v3", "deep")] } },
            new PipelineStep { Name = "audit", Audit = new AuditStep { Slice = "0:2" } },
            new PipelineStep { Name = "label-only", Select = new SelectStep { Index = 0 } },
            new PipelineStep
            {
                Name = "checks",
                Validations = new ValidationsStep
                {
                    Checks = [new PipelineValidation { Name = "known-class", Expression = "outputs.label.all(l, l >= 0 && l < 3)" }],
                    OnFailure = ValidationFailureAction.Reject,
                },
            },
        ],
        Monitoring = new PipelineMonitoringSpec { CollectPredictions = true, SampleRate = 0.5 },
    };

    /// <summary><see cref="EveryKind"/> with step <paramref name="name"/> replaced by what <paramref name="change"/> makes of it.</summary>
    public static PipelineSpec WithStep(string name, Func<PipelineStep, PipelineStep> change)
    {
        var spec = EveryKind();
        return spec with { Steps = [.. spec.Steps.Select(s => s.Name == name ? change(s) : s)] };
    }
}
