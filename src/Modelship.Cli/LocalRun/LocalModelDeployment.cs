using Microsoft.Extensions.Logging;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Serving;
using Modelship.Serving.Routing;
using Modelship.Serving.Runtime;

namespace Modelship.Cli.LocalRun;

/// <summary>
/// `modelship run`: a ModelDeployment served in this process on 127.0.0.1, no cluster needed: one built-in ONNX
/// runtime per model version and the router in front, with the routing table the operator would write.
/// </summary>
public sealed class LocalModelDeployment : IAsyncDisposable
{
    private readonly List<RuntimeHost> _runtimes;
    private readonly RouterHost _router;

    private LocalModelDeployment(string modelName, List<RuntimeHost> runtimes, RouterHost router)
    {
        ModelName = modelName;
        _runtimes = runtimes;
        _router = router;
    }

    public Uri Endpoint => _router.BaseAddress;

    /// <summary>Where the router writes the inference log, or null when it keeps none.</summary>
    public string? LogDirectory => _router.Options.InferenceLog.Directory;

    public string ModelName { get; }

    public IReadOnlyList<RuntimeHost> Runtimes => _runtimes;

    public static Task<LocalModelDeployment> StartAsync(
        string manifestPath, LocalRunOptions options, Action<ILoggingBuilder>? configureLogging = null, CancellationToken cancellationToken = default) =>
        StartAsync(ManifestReader.ReadModelDeployment(manifestPath), manifestPath, options, configureLogging, cancellationToken);

    /// <summary>Serves <paramref name="deployment"/>, read from <paramref name="manifestPath"/> (its file:// models are relative to it).</summary>
    public static async Task<LocalModelDeployment> StartAsync(
        Api.V1Alpha1.ModelDeployment deployment, string manifestPath, LocalRunOptions options, Action<ILoggingBuilder>? configureLogging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(options);
        var errors = ModelDeploymentValidator.Validate(deployment.Spec);
        if (errors.Count > 0)
        {
            throw new LocalRunException($"{manifestPath} is invalid:\n  {string.Join("\n  ", errors.Select(e => $"{e.Field}: {e.Message}"))}");
        }

        if (deployment.Spec.Runtime?.Image is not null)
        {
            throw new LocalRunException("spec.runtime.image names a container; `modelship run` serves ONNX models with the built-in runtime only");
        }

        var name = deployment.Metadata.Name ?? Path.GetFileNameWithoutExtension(manifestPath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var backends = ModelBackend.FromSpec(deployment.Spec);
        var runtimes = new List<RuntimeHost>();
        try
        {
            var urls = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var backend in backends)
            {
                var runtime = await RuntimeHost.StartAsync(new RuntimeOptions
                {
                    ModelPath = LocalModelPath.Resolve(backend.Model, directory),
                    ModelName = name,
                    ModelVersion = backend.Model.Version,
                    Port = 0,
                    Limits = options.Limits,
                }, configureLogging, cancellationToken).ConfigureAwait(false);
                runtimes.Add(runtime);
                urls[backend.Name] = runtime.BaseAddress.ToString().TrimEnd('/');
            }

            var table = RoutingTableBuilder.Build(name, 1, backends, deployment.Spec.Traffic, deployment.Spec.Monitoring, b => urls[b.Name]);
            var router = RouterHost.Create(
                new RouterOptions { Port = options.Port, Limits = options.Limits, InferenceLog = new() { Directory = options.LogDirectory } }, configureLogging: configureLogging);
            try
            {
                router.Update(table);
                await router.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await router.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            return new LocalModelDeployment(name, runtimes, router);
        }
        catch
        {
            foreach (var runtime in runtimes)
            {
                await runtime.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _router.DisposeAsync().ConfigureAwait(false);
        foreach (var runtime in _runtimes)
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
        }
    }
}
