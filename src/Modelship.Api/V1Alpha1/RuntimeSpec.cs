using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>
/// The model server. Without an image or name, the built-in ONNX runtime; with an image, any server speaking the Open
/// Inference Protocol V2 (Triton, MLServer, KServe runtimes); with a name, the <see cref="ServingRuntime"/> of that name.
/// </summary>
public sealed record RuntimeSpec
{
    /// <summary>A ServingRuntime in the same namespace; excludes <see cref="Image"/> and <see cref="Args"/>; <see cref="Port"/> is then the Service's only.</summary>
    [Description("Name of a ServingRuntime in the same namespace that serves every model version of this object. Excludes image and args (the ServingRuntime has them, and its port is the server's); env and modelName still apply. When neither name nor image is set, onnx models get the built-in runtime and custom models the ServingRuntime that auto-selects format custom.")]
    [Length(1, 253)]
    public string? Name { get; init; }

    /// <summary>Container image of a custom model server; the built-in ONNX runtime when absent.</summary>
    [Description("Image of a custom model server speaking the Open Inference Protocol V2 (for example Triton or MLServer). When absent the built-in ONNX runtime is used.")]
    [Length(1)]
    public string? Image { get; init; }

    /// <summary>Port the model server listens on.</summary>
    [Description("Port on which the model server serves the V2 REST API. Defaults to 8080.")]
    [Minimum(1)]
    [Maximum(65535)]
    [DefaultValue(ModelDeploymentDefaults.RuntimePort)]
    public int? Port { get; init; }

    /// <summary>Name under which the server serves the model; the ModelDeployment's name when absent.</summary>
    [Description("ModelName is the name under which a custom server serves the model (the {name} in /v2/models/{name}). Defaults to the ModelDeployment's name.")]
    [Length(1)]
    public string? ModelName { get; init; }

    /// <summary>Arguments of the custom model server container.</summary>
    [Description("Args are the arguments of the custom model server container.")]
    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>Environment variables of the model server container.</summary>
    [Description("Env lists environment variables of the model server container.")]
    public IReadOnlyList<EnvironmentVariable>? Env { get; init; }
}
