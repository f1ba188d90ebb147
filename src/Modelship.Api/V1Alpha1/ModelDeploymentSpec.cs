using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>The desired state of a <see cref="ModelDeployment"/>.</summary>
public sealed record ModelDeploymentSpec
{
    /// <summary>The champion: the production model version, which answers every request no challenger takes.</summary>
    [Description("Model is the champion: the production model version. It answers every request that no challenger takes, and its backend name is \"champion\".")]
    public required ModelSpec Model { get; init; }

    /// <summary>The model server; the built-in ONNX runtime when absent.</summary>
    [Description("Runtime is the model server: an image, or the name of a ServingRuntime. When it names neither, the built-in ONNX runtime serves onnx models and the ServingRuntime that auto-selects format custom serves custom ones.")]
    public RuntimeSpec? Runtime { get; init; }

    /// <summary>Pods per model version; 0 keeps the objects but runs no model server.</summary>
    [Description("Replicas is the number of model server pods per model version. Defaults to 1.")]
    [Minimum(0)]
    [DefaultValue(ModelDeploymentDefaults.Replicas)]
    public int? Replicas { get; init; }

    /// <summary>A HorizontalPodAutoscaler per serving Deployment instead of a fixed replica count.</summary>
    [Description("Autoscaling gives every serving Deployment (each model version's runtime and the router) a HorizontalPodAutoscaler; spec.replicas is then ignored and the operator never sets replicas, except to zero while suspended.")]
    public AutoscalingSpec? Autoscaling { get; init; }

    /// <summary>Compute resources of each model server container.</summary>
    [Description("Resources are the compute resources (requests and limits) of each model server container.")]
    public ComputeResources? Resources { get; init; }

    /// <summary>Labels a node must have to run the model server pods.</summary>
    [Description("NodeSelector lists labels a node must have to run the model server pods.")]
    public IReadOnlyDictionary<string, string>? NodeSelector { get; init; }

    /// <summary>Taints the model server pods tolerate.</summary>
    [Description("Tolerations are the node taints the model server pods tolerate.")]
    public IReadOnlyList<Toleration>? Tolerations { get; init; }

    /// <summary>Stops serving without deleting the object; setting it back to false starts again.</summary>
    [Description("Suspend stops serving (model servers and router scaled to zero) without deleting the ModelDeployment; set it back to false to start again. Defaults to false.")]
    [DefaultValue(ModelDeploymentDefaults.Suspend)]
    public bool? Suspend { get; init; }

    /// <summary>Challengers, shadows and how requests are assigned to them.</summary>
    [Description("Traffic declares challengers (sharing the traffic with the champion), shadows (receiving a copy of it) and how requests are assigned to versions.")]
    public TrafficSpec? Traffic { get; init; }

    /// <summary>How a new champion replaces the active one.</summary>
    [Description("Rollout controls how a new champion version replaces the active one. Defaults to strategy Replace.")]
    public RolloutSpec? Rollout { get; init; }

    /// <summary>Why the champion is being replaced and what a replacement must pass.</summary>
    [Description("Replacement records why the champion is being replaced and which checks a replacement model must pass.")]
    public ReplacementSpec? Replacement { get; init; }

    /// <summary>Prediction logging and warnings.</summary>
    [Description("Monitoring configures prediction collection, sampling, prediction warnings and association IDs.")]
    public MonitoringSpec? Monitoring { get; init; }

    /// <summary>Webhooks and Jobs triggered by rollout and monitoring events.</summary>
    [Description("Notifications call webhooks and create Jobs on rollout and monitoring events (continuous training). Delivery is best effort (at most 5 attempts per webhook call); status and Events stay the source of truth.")]
    [ListMapKeys("name")]
    public IReadOnlyList<NotificationSpec>? Notifications { get; init; }

    /// <summary>Bearer-token authentication of the endpoint.</summary>
    [Description("Auth requires callers of the endpoint to authenticate; open to every caller that reaches the Service when absent (docs/auth.md).")]
    public AuthSpec? Auth { get; init; }

    /// <summary>V2 parameters merged into every inference request.</summary>
    [Description("PredictionDefaults are V2 request parameters the router merges into every inference request before forwarding (and logging) it.")]
    public PredictionDefaults? PredictionDefaults { get; init; }
}
