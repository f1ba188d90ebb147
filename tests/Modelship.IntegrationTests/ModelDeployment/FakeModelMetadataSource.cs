using System.Collections.Concurrent;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>Model signatures by runtime URL fragment (the version's Service name); unknown runtimes have the default signature.</summary>
public sealed class FakeModelMetadataSource : IModelMetadataSource
{
    public static readonly ModelSignature Iris = new([new TensorSignature("input", "FP32", [-1, 4])], [new TensorSignature("label", "INT64", [-1])]);

    public ConcurrentDictionary<string, ModelSignature> ByService { get; } = new();

    public Task<ModelSignature?> GetSignatureAsync(string runtimeUrl, string modelName, CancellationToken cancellationToken)
    {
        var host = new Uri(runtimeUrl).Host.Split('.')[0];
        return Task.FromResult<ModelSignature?>(ByService.TryGetValue(host, out var signature) ? signature : Iris);
    }
}

/// <summary>An analysis source whose verdict the test sets.</summary>
public sealed class FakeRolloutAnalysis : IRolloutAnalysis
{
    public AnalysisVerdict Verdict { get; set; } = AnalysisVerdict.Passing();

    /// <summary>Every target judged, in order: which version, in which phase.</summary>
    public ConcurrentQueue<CanaryAnalysisTarget> Targets { get; } = new();

    /// <summary>The reading every window starts with (the verdict does not depend on it).</summary>
    public static CanaryReading Nothing { get; } = new(new(), new(), new Dictionary<string, double>(), new Dictionary<string, double>());

    public Task<(CanaryReading? Reading, string? Failure)> ReadAsync(Api.V1Alpha1.ModelDeployment deployment, CanaryAnalysisTarget target, CancellationToken cancellationToken) =>
        Task.FromResult<(CanaryReading?, string?)>((Nothing, null));

    public Task<AnalysisVerdict> JudgeAsync(Api.V1Alpha1.ModelDeployment deployment, CanaryAnalysisTarget target, Api.V1Alpha1.RolloutAnalysis analysis, CanaryReading start, TimeSpan window, CancellationToken cancellationToken)
    {
        Targets.Enqueue(target);
        return Task.FromResult(Verdict);
    }
}
