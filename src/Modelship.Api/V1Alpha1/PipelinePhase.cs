using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>A one-word summary of a Pipeline's state.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PipelinePhase>))]
public enum PipelinePhase
{
    /// <summary>Accepted, nothing deployed yet.</summary>
    Pending,

    /// <summary>Inline models, the router or a routing table change are on their way.</summary>
    Deploying,

    /// <summary>Serving every step.</summary>
    Active,

    /// <summary>Cannot serve: invalid spec, an unknown reference or an inline model that cannot be fetched.</summary>
    Failed,
}
