namespace Modelship.Operator.Rbac;

/// <summary>
/// The roles <c>modelship manifests</c> writes, by where they are granted. Their names in config/rbac are these ids;
/// config/default prefixes them with <see cref="InstalledNamePrefix"/>, the chart with its full name.
/// </summary>
public static class RbacRoles
{
    /// <summary>What <c>modelship operator</c> needs in every namespace it watches: a ClusterRole, or a Role in each watched namespace.</summary>
    public const string Operator = "operator";

    /// <summary>
    /// What the operator reads of cluster-scoped objects, in every install (namespaced too): a ClusterRole. Only the
    /// router ClusterRole, to report when it is missing.
    /// </summary>
    public const string OperatorCluster = "operator-cluster";

    /// <summary>What leader election needs in the operator's own namespace: always a Role.</summary>
    public const string LeaderElection = "leader-election";

    /// <summary>What each router pod needs: a ClusterRole the operator binds to every ModelDeployment's router ServiceAccount.</summary>
    public const string Router = "router";

    /// <summary>The name prefix of config/default (kustomize <c>namePrefix</c>), and the chart's name for release "modelship".</summary>
    public const string InstalledNamePrefix = "modelship-";

    /// <summary>
    /// Stands for the router ClusterRole's installed name in a rule's ResourceNames: the generator writes the name each
    /// install uses (<c>modelship-router</c> in config/rbac, a template include in the chart).
    /// </summary>
    public const string RouterClusterRoleName = "MODELSHIP_ROUTER_CLUSTER_ROLE";

    public static IReadOnlyList<string> All { get; } = [LeaderElection, Operator, OperatorCluster, Router];

    /// <summary>Granted in one namespace (a Role), not cluster-wide.</summary>
    public static bool IsNamespaced(string role) => role == LeaderElection;

    /// <summary>The app.kubernetes.io/component label of a role.</summary>
    public static string Component(string role) => role switch
    {
        Operator or OperatorCluster or LeaderElection => "operator",
        Router => "router",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a modelship role"),
    };
}
