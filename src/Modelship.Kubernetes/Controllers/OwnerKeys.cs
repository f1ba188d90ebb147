using k8s;
using k8s.Models;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Controllers;

/// <summary>Maps an owned object to the key of its controller owner of one kind (what <c>Owns</c> enqueues).</summary>
public static class OwnerKeys
{
    public static IEnumerable<ObjectKey> ControllerOf(IKubernetesObject<V1ObjectMeta> owned, ResourceType ownerType)
    {
        foreach (var reference in owned.Metadata.OwnerReferences ?? [])
        {
            if (reference.Controller == true && reference.Kind == ownerType.Kind && GroupOf(reference.ApiVersion) == ownerType.Group)
            {
                // Owner references cannot cross namespaces: a namespaced owner lives in the owned object's namespace.
                yield return new ObjectKey(ownerType.Namespaced ? owned.Metadata.NamespaceProperty : null, reference.Name);
            }
        }
    }

    private static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/');
        return slash < 0 ? "" : apiVersion[..slash];
    }
}
