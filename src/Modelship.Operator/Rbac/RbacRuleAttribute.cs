namespace Modelship.Operator.Rbac;

/// <summary>
/// A permission the code it is declared on needs, like kubebuilder's <c>+kubebuilder:rbac</c> markers:
/// <c>modelship manifests</c> collects every one into config/rbac and the chart (<see cref="RbacManifests"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RbacRuleAttribute : Attribute
{
    /// <summary>The role the rule belongs to (<see cref="RbacRoles"/>); the operator's own by default.</summary>
    public string Role { get; init; } = RbacRoles.Operator;

    /// <summary>API group; "" is the core group.</summary>
    public string Group { get; init; } = "";

    /// <summary>Plural resource names, "deployments/status" for a subresource.</summary>
    public required string[] Resources { get; init; }

    public required string[] Verbs { get; init; }

    /// <summary>Restricts the rule to objects with these names; <see cref="RbacRoles.RouterClusterRoleName"/> stands for the router ClusterRole.</summary>
    public string[] ResourceNames { get; init; } = [];

    /// <summary>This rule with <see cref="RbacRoles.RouterClusterRoleName"/> replaced by the router ClusterRole's installed name.</summary>
    public RbacRuleAttribute NamingRouterClusterRole(string name) => new()
    {
        Role = Role,
        Group = Group,
        Resources = Resources,
        Verbs = Verbs,
        ResourceNames = [.. ResourceNames.Select(n => n == RbacRoles.RouterClusterRoleName ? name : n)],
    };
}
