using Microsoft.Extensions.Logging;
using Modelship.Api.Runtimes;
using Modelship.Api.V1Alpha1;
using Modelship.Serving;
using Modelship.Serving.Runtime;

namespace Modelship.Cli.LocalRun;

/// <summary>
/// Starts the server of one model version for `modelship run`, chosen as the operator chooses it
/// (<see cref="RuntimeSelection"/>) among the ServingRuntimes of the manifests: the built-in runtime in this process,
/// or a ServingRuntime's command as a child process. An image written in spec.runtime cannot run here.
/// </summary>
internal static class LocalRuntimeLauncher
{
    /// <param name="runtime">The object's spec.runtime.</param>
    /// <param name="modelPath">Where the model is in the spec, for messages.</param>
    /// <param name="modelName">The name the router asks for.</param>
    public static async Task<ILocalRuntime> StartAsync(
        RuntimeSpec? runtime,
        ModelSpec model,
        string modelPath,
        string modelName,
        string manifestDirectory,
        IReadOnlyList<ManifestDocument<ServingRuntime>> servingRuntimes,
        LocalRunOptions options,
        Action<ILoggingBuilder>? configureLogging,
        CancellationToken cancellationToken)
    {
        switch (RuntimeSelection.For(runtime, model, modelPath, servingRuntimes.Select(r => r.Document)))
        {
            case RuntimeChoice.Inline:
                throw new LocalRunException(
                    $"{modelPath}: spec.runtime.image names a container, which `modelship run` cannot run; describe the server in a ServingRuntime with a command (its image is ignored locally) and name it in spec.runtime.name");
            case RuntimeChoice.Unservable unservable:
                throw new LocalRunException(unservable.Message);
            case RuntimeChoice.Template template:
                var document = servingRuntimes.First(r => ReferenceEquals(r.Document, template.Runtime));
                return await ProcessLocalRuntime.StartAsync(
                    template.Runtime, runtime, LocalModelPath.Resolve(model, manifestDirectory), modelName, model,
                    Path.GetDirectoryName(Path.GetFullPath(document.Path))!, cancellationToken).ConfigureAwait(false);
            default:
                return new BuiltInLocalRuntime(await RuntimeHost.StartAsync(new RuntimeOptions
                {
                    ModelPath = LocalModelPath.Resolve(model, manifestDirectory),
                    ModelName = modelName,
                    ModelVersion = model.Version,
                    Port = 0,
                    Limits = options.Limits,
                }, configureLogging, cancellationToken).ConfigureAwait(false));
        }
    }
}
