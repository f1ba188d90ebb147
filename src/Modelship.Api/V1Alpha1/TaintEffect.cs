using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>What a node taint does to pods that do not tolerate it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaintEffect>))]
public enum TaintEffect
{
    /// <summary>New pods are not scheduled on the node.</summary>
    NoSchedule,

    /// <summary>The scheduler avoids the node.</summary>
    PreferNoSchedule,

    /// <summary>Running pods are evicted.</summary>
    NoExecute,
}
