using System.ComponentModel;
using System.Text.Json.Serialization;
using Modelship.Api.Schema;
using Modelship.Api.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>Compute resource requests and limits of a container, as in corev1.ResourceRequirements.</summary>
public sealed record ComputeResources
{
    /// <summary>Resources the scheduler reserves, such as <c>cpu: 500m</c>.</summary>
    [Description("Requests are the minimum compute resources the scheduler reserves, keyed by resource name (cpu, memory, ...), such as cpu: 500m.")]
    [Quantity]
    [JsonConverter(typeof(QuantityMapConverter))]
    public IReadOnlyDictionary<string, string>? Requests { get; init; }

    /// <summary>Most the container may use, such as <c>memory: 1Gi</c>.</summary>
    [Description("Limits are the maximum compute resources the container may use, keyed by resource name, such as memory: 1Gi.")]
    [Quantity]
    [JsonConverter(typeof(QuantityMapConverter))]
    public IReadOnlyDictionary<string, string>? Limits { get; init; }
}
