using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>A one-word summary of a ModelDeployment's state.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelDeploymentPhase>))]
public enum ModelDeploymentPhase
{
    /// <summary>Accepted, nothing deployed yet.</summary>
    Pending,

    /// <summary>Model servers or a rollout are on their way.</summary>
    Deploying,

    /// <summary>Serving traffic.</summary>
    Active,

    /// <summary>Cannot serve: invalid spec, fetch failure or failed rollout with nothing to fall back to.</summary>
    Failed,

    /// <summary>Suspended by spec.suspend.</summary>
    Stopped,
}
