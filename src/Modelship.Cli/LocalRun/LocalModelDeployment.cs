using Microsoft.Extensions.Logging;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Serving;

namespace Modelship.Cli.LocalRun;

/// <summary>
/// `modelship run`: a ModelDeployment served in this process on 127.0.0.1, no cluster needed: one built-in ONNX
/// runtime per model version and the router in front, with the routing table the operator would write.
/// <see cref="ReplaceChampionAsync"/> changes the champion while it serves, with zero downtime.
/// </summary>
public sealed class LocalModelDeployment : IAsyncDisposable
{
    private readonly RouterHost _router;
    private readonly LocalRunOptions _options;
    private readonly Action<ILoggingBuilder>? _configureLogging;
    private readonly string _manifestDirectory;
    private readonly SemaphoreSlim _replacing = new(1, 1);
    private readonly List<Task> _draining = [];
    private readonly CancellationTokenSource _disposing = new();

    // By backend name (champion, challengers, shadows); replaced whole under _replacing.
    private Dictionary<string, ILocalRuntime> _runtimes;
    private ModelDeploymentSpec _spec;
    private long _generation;

    private LocalModelDeployment(
        string modelName, ModelDeploymentSpec spec, Dictionary<string, ILocalRuntime> runtimes, RouterHost router,
        LocalRunOptions options, Action<ILoggingBuilder>? configureLogging, string manifestDirectory)
    {
        ModelName = modelName;
        _spec = spec;
        _runtimes = runtimes;
        _router = router;
        _options = options;
        _configureLogging = configureLogging;
        _manifestDirectory = manifestDirectory;
        _generation = 1;
    }

    public Uri Endpoint => _router.BaseAddress;

    /// <summary>The router's gRPC address, or null without <see cref="LocalRunOptions.GrpcPort"/>.</summary>
    public Uri? GrpcEndpoint => _router.GrpcAddress;

    /// <summary>Where the router writes the inference log, or null when it keeps none.</summary>
    public string? LogDirectory => _router.Options.InferenceLog.Directory;

    public string ModelName { get; }

    /// <summary>The champion being served, with a relative file://./ URI made absolute (file:///...).</summary>
    public ModelSpec Champion => _spec.Model with { Uri = new Uri(LocalModelPath.Resolve(_spec.Model, _manifestDirectory)).AbsoluteUri };

    /// <summary>The generation of the routing table the router serves.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public IReadOnlyList<ILocalRuntime> Runtimes => [.. _runtimes.Values];

    public static Task<LocalModelDeployment> StartAsync(
        string manifestPath, LocalRunOptions options, Action<ILoggingBuilder>? configureLogging = null, CancellationToken cancellationToken = default) =>
        StartAsync(ManifestReader.ReadModelDeployment(manifestPath), manifestPath,
            options with { ServingRuntimes = [.. options.ServingRuntimes, .. ManifestReader.ReadServingRuntimes(manifestPath)] }, configureLogging, cancellationToken);

    /// <summary>Serves <paramref name="deployment"/>, read from <paramref name="manifestPath"/> (its file:// models are relative to it).</summary>
    public static async Task<LocalModelDeployment> StartAsync(
        Api.V1Alpha1.ModelDeployment deployment, string manifestPath, LocalRunOptions options, Action<ILoggingBuilder>? configureLogging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(options);
        var errors = ModelDeploymentValidator.Validate(deployment.Spec);
        if (errors.Count > 0)
        {
            throw new LocalRunException($"{manifestPath} is invalid:\n  {string.Join("\n  ", errors.Select(e => e.Message))}");
        }

        var name = deployment.Metadata.Name ?? Path.GetFileNameWithoutExtension(manifestPath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        if (deployment.Spec.Monitoring?.Drift?.Reference is { } reference)
        {
            // Refused before anything starts.
            LocalModelPath.ResolveDriftReference(reference, directory);
        }
        var runtimes = new Dictionary<string, ILocalRuntime>(StringComparer.Ordinal);
        try
        {
            foreach (var backend in ModelBackend.FromSpec(deployment.Spec))
            {
                runtimes[backend.Name] = await StartRuntimeAsync(name, deployment.Spec, backend, directory, options, configureLogging, cancellationToken).ConfigureAwait(false);
            }

            var table = Table(name, 1, deployment.Spec, runtimes, directory);
            var router = await LocalRouter.StartAsync(table, options, configureLogging, cancellationToken).ConfigureAwait(false);
            return new LocalModelDeployment(name, deployment.Spec, runtimes, router, options, configureLogging, directory);
        }
        catch
        {
            foreach (var runtime in runtimes.Values)
            {
                await runtime.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>
    /// Makes <paramref name="model"/> the champion with zero downtime: starts its runtime, waits until it answers V2
    /// ready, swaps the router to a table of the next generation naming it, then drains the old champion's runtime in
    /// the background (<see cref="RuntimeDrain"/>) and calls <paramref name="stopped"/> when it has stopped. Challengers
    /// and shadows stay. Throws when the new model cannot be served; then nothing changed.
    /// </summary>
    public async Task ReplaceChampionAsync(ModelSpec model, Action<string>? stopped = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        await _replacing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var spec = _spec with { Model = model };
            if (ModelDeploymentValidator.Validate(spec) is { Count: > 0 } errors)
            {
                throw new LocalRunException($"version {model.Version} cannot be the champion: {string.Join("; ", errors.Select(e => e.Message))}");
            }

            var champion = ModelBackend.FromSpec(spec)[0];
            var old = _runtimes[champion.Name];
            var started = await StartRuntimeAsync(ModelName, spec, champion, _manifestDirectory, _options, _configureLogging, cancellationToken).ConfigureAwait(false);
            var runtimes = new Dictionary<string, ILocalRuntime>(_runtimes, StringComparer.Ordinal) { [champion.Name] = started };
            try
            {
                await RuntimeReadiness.WaitAsync(started.BaseAddress, ModelName, model.Version, cancellationToken).ConfigureAwait(false);
                _router.Update(Table(ModelName, _generation + 1, spec, runtimes, _manifestDirectory));
            }
            catch
            {
                await started.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            Interlocked.Increment(ref _generation);
            _spec = spec;
            _runtimes = runtimes;
            var oldVersion = old.Version;
            _draining.Add(Task.Run(async () =>
            {
                await RuntimeDrain.StopAsync(old, _options.DrainDelay, _disposing.Token).ConfigureAwait(false);
                stopped?.Invoke(oldVersion);
            }, CancellationToken.None));
        }
        finally
        {
            _replacing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposing.CancelAsync().ConfigureAwait(false);
        await _router.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(_draining).ConfigureAwait(false);
        foreach (var runtime in _runtimes.Values)
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
        }

        _replacing.Dispose();
        _disposing.Dispose();
    }

    private static Task<ILocalRuntime> StartRuntimeAsync(
        string name, ModelDeploymentSpec spec, ModelBackend backend, string manifestDirectory, LocalRunOptions options, Action<ILoggingBuilder>? configureLogging, CancellationToken cancellationToken) =>
        LocalRuntimeLauncher.StartAsync(
            spec.Runtime, backend.Model, Operator.Controllers.ModelDeployment.VersionRuntimes.PathOf(spec, backend), name, manifestDirectory,
            options.ServingRuntimes, options, configureLogging, cancellationToken);

    private static Api.Routing.RoutingTable Table(string name, long generation, ModelDeploymentSpec spec, Dictionary<string, ILocalRuntime> runtimes, string manifestDirectory) =>
        RoutingTableBuilder.Build(name, generation, ModelBackend.FromSpec(spec), spec.Traffic, spec.Monitoring, b => runtimes[b.Name].BaseAddress.ToString().TrimEnd('/'),
            reference => LocalModelPath.ResolveDriftReference(reference, manifestDirectory), spec.PredictionDefaults);
}
