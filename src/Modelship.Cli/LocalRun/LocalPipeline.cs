using Microsoft.Extensions.Logging;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;
using Modelship.Serving;
using Modelship.Serving.Routing;

namespace Modelship.Cli.LocalRun;

/// <summary>
/// `modelship run` of a Pipeline: in this process on 127.0.0.1, one built-in ONNX runtime per inline model, each
/// ModelDeployment of the same file that a step refers to served as `modelship run` serves it (its own router and
/// runtimes), and the pipeline's router in front with the routing table the operator would write.
/// </summary>
public sealed class LocalPipeline : IAsyncDisposable
{
    private readonly List<ILocalRuntime> _runtimes;
    private readonly List<LocalModelDeployment> _deployments;
    private readonly RouterHost _router;

    private LocalPipeline(string name, int steps, List<ILocalRuntime> runtimes, List<LocalModelDeployment> deployments, RouterHost router)
    {
        Name = name;
        StepCount = steps;
        _runtimes = runtimes;
        _deployments = deployments;
        _router = router;
    }

    public string Name { get; }

    public int StepCount { get; }

    public Uri Endpoint => _router.BaseAddress;

    /// <summary>The router's gRPC address, or null without <see cref="LocalRunOptions.GrpcPort"/>.</summary>
    public Uri? GrpcEndpoint => _router.GrpcAddress;

    public string? LogDirectory => _router.Options.InferenceLog.Directory;

    /// <summary>The pipeline's router, for tests that swap its table.</summary>
    public RouterHost Router => _router;

    public IReadOnlyList<LocalModelDeployment> Deployments => _deployments;

    public static async Task<LocalPipeline> StartAsync(
        string manifestPath, LocalRunOptions options, Action<ILoggingBuilder>? configureLogging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (pipeline, deployments) = ManifestReader.ReadPipeline(manifestPath) ?? throw new LocalRunException($"{manifestPath} holds no {Pipeline.KindName}");
        var name = pipeline.Metadata.Name ?? Path.GetFileNameWithoutExtension(manifestPath);
        var errors = PipelineValidator.Validate(pipeline.Spec, deployments.ContainsKey);
        if (errors.Count > 0)
        {
            throw new LocalRunException($"{manifestPath} is invalid:\n  {string.Join("\n  ", errors.Select(e => e.Message))}");
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        options = options with { ServingRuntimes = [.. options.ServingRuntimes, .. ManifestReader.ReadServingRuntimes(manifestPath)] };
        var runtimes = new List<ILocalRuntime>();
        var started = new List<LocalModelDeployment>();
        try
        {
            var referenced = new Dictionary<string, LocalModelDeployment>(StringComparer.Ordinal);
            var inline = new Dictionary<(string Step, string Model), ILocalRuntime>();
            foreach (var step in pipeline.Spec.Steps)
            {
                foreach (var model in ModelsOf(step))
                {
                    if (model.ModelDeploymentRef is { } reference && !referenced.ContainsKey(reference.Name))
                    {
                        var deployment = await LocalModelDeployment.StartAsync(
                            deployments[reference.Name],
                            manifestPath,
                            options with { Port = 0, Auth = new(), LogDirectory = options.LogDirectory is { } logs ? Path.Combine(logs, "modeldeployments", reference.Name) : null },
                            configureLogging,
                            cancellationToken).ConfigureAwait(false);
                        started.Add(deployment);
                        referenced[reference.Name] = deployment;
                    }
                    else if (model.Model is { } spec)
                    {
                        var runtime = await LocalRuntimeLauncher.StartAsync(
                            spec.Runtime, spec.ToModelSpec(), $"step '{step.Name}' model '{model.EffectiveName(step.Name)}'", RuntimeModelName(step.Name, model), directory,
                            options.ServingRuntimes, options, configureLogging, cancellationToken).ConfigureAwait(false);
                        runtimes.Add(runtime);
                        inline[(step.Name, model.EffectiveName(step.Name))] = runtime;
                    }
                }
            }

            var table = PipelineRoutingTableBuilder.Build(name, 1, pipeline.Spec, (step, model) => model.ModelDeploymentRef is { } reference
                ? new ResolvedStepModel(referenced[reference.Name].Endpoint.ToString().TrimEnd('/'), referenced[reference.Name].ModelName, deployments[reference.Name].Spec.Model.Version)
                : new ResolvedStepModel(inline[(step, model.EffectiveName(step))].BaseAddress.ToString().TrimEnd('/'), RuntimeModelName(step, model), model.Model!.Version));
            var router = await LocalRouter.StartAsync(table, options, configureLogging, cancellationToken).ConfigureAwait(false);
            return new LocalPipeline(name, pipeline.Spec.Steps.Count, runtimes, started, router);
        }
        catch
        {
            await DisposeAllAsync(runtimes, started).ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _router.DisposeAsync().ConfigureAwait(false);
        await DisposeAllAsync(_runtimes, _deployments).ConfigureAwait(false);
    }

    /// <summary>The name an inline model is served under by its runtime: <c>step-model</c>.</summary>
    private static string RuntimeModelName(string step, StepModel model) => $"{step}-{model.EffectiveName(step)}";

    private static IEnumerable<StepModel> ModelsOf(PipelineStep step) =>
        step.Model is { } model ? [model]
        : step.MultiModel?.Models ?? step.KeySplit?.Models ?? step.RandomSplit?.Models
        ?? (step.ShadowDeploy is { } shadow ? [shadow.Champion, .. shadow.Challengers] : []);

    private static async Task DisposeAllAsync(List<ILocalRuntime> runtimes, List<LocalModelDeployment> deployments)
    {
        foreach (var deployment in deployments)
        {
            await deployment.DisposeAsync().ConfigureAwait(false);
        }
        foreach (var runtime in runtimes)
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
        }
    }
}
