using k8s;
using k8s.Models;
using Modelship.Kubernetes.Models;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>
/// Pure: whether an object the operator would apply already belongs to another owner. A ModelDeployment and a
/// Pipeline of the same name in one namespace want the same router, endpoint Service, routing ConfigMap and router
/// identity; applying them with the same field manager would move the object from one owner to the other, and the two
/// controllers would take it back and forth. The second one is refused instead (InvalidSpec), the first keeps serving.
/// </summary>
public static class ChildConflicts
{
    /// <returns>Why <paramref name="ownerUid"/> cannot have these objects, or null when none belongs to another controller.</returns>
    public static string? Find(string ownerUid, string ownerKind, IEnumerable<IKubernetesObject<V1ObjectMeta>?> live)
    {
        ArgumentNullException.ThrowIfNull(live);
        foreach (var obj in live)
        {
            if (obj?.Metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true) is { } controller && controller.Uid != ownerUid)
            {
                return $"{obj.Kind} {obj.Metadata.Name} belongs to {controller.Kind} {controller.Name}: a {ownerKind} cannot share its name with a {controller.Kind} of the same namespace; rename one of them";
            }
        }
        return null;
    }
}
