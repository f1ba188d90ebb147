namespace Modelship.Operator.Rbac;

/// <summary>The ClusterRoles <c>modelship manifests</c> writes.</summary>
public static class RbacRoles
{
    /// <summary>What <c>modelship operator</c> needs.</summary>
    public const string Operator = "modelship-operator";

    /// <summary>What each router pod needs; the operator binds it to every ModelDeployment's router ServiceAccount.</summary>
    public const string Router = "modelship-router";

    /// <summary>The app.kubernetes.io/component label of a role.</summary>
    public static string Component(string role) => role switch
    {
        Operator => "operator",
        Router => "router",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a modelship ClusterRole"),
    };
}
