using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>
/// The model server container of a <see cref="ServingRuntime"/> and the formats it serves. Command, args and env values
/// may use the placeholders of <see cref="Runtimes.RuntimePlaceholders"/>.
/// </summary>
public sealed record ServingRuntimeSpec
{
    /// <summary>The model formats this server serves; auto-selection looks here.</summary>
    [Description("SupportedModelFormats are the model formats (spec.model.format: onnx or custom) this server serves. A ModelDeployment that names this runtime must use one of them; a version whose format has autoSelect true may get this runtime without naming it.")]
    [ListMapKeys("name")]
    public required IReadOnlyList<SupportedModelFormat> SupportedModelFormats { get; init; }

    /// <summary>The inference protocol the server speaks; only v2 exists.</summary>
    [Description("Protocol the server speaks: v2 (the Open Inference Protocol V2 REST API: /v2/health/live, /v2/health/ready, /v2/models/{name}, /v2/models/{name}/ready, /v2/models/{name}/infer). Defaults to v2.")]
    [Pattern("^v2$")]
    [DefaultValue(ServingRuntimeDefaults.Protocol)]
    public string? Protocol { get; init; }

    /// <summary>Container image; ignored by <c>modelship run</c>, which starts <see cref="Command"/> as a local process.</summary>
    [Description("Image of the model server container. `modelship run` ignores it and starts command as a local process.")]
    [Length(1)]
    public required string Image { get; init; }

    /// <summary>Entrypoint of the container (and the local process of <c>modelship run</c>).</summary>
    [Description("Command is the entrypoint of the container; the image's entrypoint when absent. `modelship run` starts command + args as a local process in the manifest's directory (command is required there). Placeholders: {{.ModelPath}}, {{.ModelName}}, {{.ModelVersion}}, {{.Port}}, {{.Host}}.")]
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Arguments of the container.</summary>
    [Description("Args are the arguments of the model server. Placeholders: {{.ModelPath}} (the directory or file of the fetched model), {{.ModelName}} (the name the router asks for), {{.ModelVersion}}, {{.Port}}, {{.Host}} (the address to listen on: 0.0.0.0 in a pod, 127.0.0.1 under `modelship run`).")]
    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>Environment variables of the container; values may use placeholders.</summary>
    [Description("Env lists environment variables of the model server; values may use the placeholders of args. A ModelDeployment's spec.runtime.env is added after them (same name: the ModelDeployment's wins).")]
    public IReadOnlyList<EnvironmentVariable>? Env { get; init; }

    /// <summary>Port the server listens on for V2 REST.</summary>
    [Description("Port on which the server serves the V2 REST API. Defaults to 8080.")]
    [Minimum(1)]
    [Maximum(65535)]
    [DefaultValue(ModelDeploymentDefaults.RuntimePort)]
    public int? Port { get; init; }

    /// <summary>Default compute resources; a ModelDeployment's spec.resources replace them.</summary>
    [Description("Resources are the default compute resources of the model server container; a ModelDeployment's spec.resources replace them.")]
    public ComputeResources? Resources { get; init; }
}
