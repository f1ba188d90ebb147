namespace Modelship.Operator.Rbac;

/// <summary>
/// A permission the code it is declared on needs, like kubebuilder's <c>+kubebuilder:rbac</c> markers:
/// <c>modelship manifests</c> collects every one into config/rbac/role.yaml (<see cref="RbacManifests"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RbacRuleAttribute : Attribute
{
    /// <summary>The ClusterRole the rule belongs to; the operator's own by default.</summary>
    public string Role { get; init; } = RbacRoles.Operator;

    /// <summary>API group; "" is the core group.</summary>
    public string Group { get; init; } = "";

    /// <summary>Plural resource names, "deployments/status" for a subresource.</summary>
    public required string[] Resources { get; init; }

    public required string[] Verbs { get; init; }

    /// <summary>Restricts the rule to objects with these names.</summary>
    public string[] ResourceNames { get; init; } = [];
}
