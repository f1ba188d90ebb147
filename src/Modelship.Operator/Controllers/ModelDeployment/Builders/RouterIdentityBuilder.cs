using k8s.Models;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Rbac;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>
/// The identity of a ModelDeployment's router pods: a ServiceAccount of their own and a RoleBinding, in the
/// ModelDeployment's namespace, to the router ClusterRole (<see cref="ModelDeploymentBuildOptions.RouterClusterRole"/>:
/// follow the routing ConfigMap, annotate the router's own Pod).
/// </summary>
/// <remarks>
/// Why a RoleBinding to a fixed ClusterRole rather than a Role the operator writes per ModelDeployment: the API server
/// lets the operator create a Role only with permissions it holds itself (or with <c>escalate</c>), and the router
/// must patch Pods, which the operator otherwise never needs. A binding needs only <c>bind</c>, which the operator
/// holds for this one ClusterRole by name; and binding it per namespace, to one ServiceAccount per ModelDeployment,
/// grants nothing outside that namespace and nothing to other workloads.
/// </remarks>
// What `modelship router` does in cluster mode: list-watch its routing ConfigMap, annotate its own Pod.
[RbacRule(Role = RbacRoles.Router, Resources = ["configmaps"], Verbs = ["get", "list", "watch"])]
[RbacRule(Role = RbacRoles.Router, Resources = ["pods"], Verbs = ["get", "patch"])]
public static class RouterIdentityBuilder
{
    public static V1ServiceAccount ServiceAccount(MD owner) => ServiceAccount(ChildOwner.Of(owner));

    public static V1ServiceAccount ServiceAccount(ChildOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new V1ServiceAccount
        {
            Metadata = ChildMetadata.For(owner, ChildNames.RouterServiceAccount(owner.Name), ChildMetadata.RouterComponent),
            // Only the router pods, which opt in, get the token; anything else that names this account does not.
            AutomountServiceAccountToken = false,
        }.WithTypeMeta();
    }

    public static V1RoleBinding RoleBinding(MD owner, ModelDeploymentBuildOptions options) => RoleBinding(ChildOwner.Of(owner), options);

    public static V1RoleBinding RoleBinding(ChildOwner owner, ModelDeploymentBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(options);
        var name = owner.Name;
        return new V1RoleBinding
        {
            Metadata = ChildMetadata.For(owner, ChildNames.RouterServiceAccount(name), ChildMetadata.RouterComponent),
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = ChildNames.RouterServiceAccount(name), NamespaceProperty = owner.Namespace }],
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = options.RouterClusterRole },
        }.WithTypeMeta();
    }
}
