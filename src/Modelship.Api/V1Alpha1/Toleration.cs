using System.ComponentModel;

namespace Modelship.Api.V1Alpha1;

/// <summary>A node taint the pods tolerate, as in corev1.Toleration.</summary>
public sealed record Toleration
{
    /// <summary>Taint key; empty with operator Exists matches every taint.</summary>
    [Description("Key of the taint to tolerate. Empty with operator Exists tolerates every taint.")]
    public string? Key { get; init; }

    /// <summary>How the key relates to the value.</summary>
    [Description("Operator relating the key to the value: Exists (any value) or Equal. Defaults to Equal.")]
    public TolerationOperator? Operator { get; init; }

    /// <summary>Taint value, for operator Equal.</summary>
    [Description("Value of the taint to match when the operator is Equal.")]
    public string? Value { get; init; }

    /// <summary>Taint effect to match; every effect when absent.</summary>
    [Description("Effect of the taint to match: NoSchedule, PreferNoSchedule or NoExecute. Every effect when absent.")]
    public TaintEffect? Effect { get; init; }

    /// <summary>How long a NoExecute taint is tolerated before eviction; forever when absent.</summary>
    [Description("TolerationSeconds is how long a NoExecute taint is tolerated before the pod is evicted. Forever when absent.")]
    public long? TolerationSeconds { get; init; }
}
