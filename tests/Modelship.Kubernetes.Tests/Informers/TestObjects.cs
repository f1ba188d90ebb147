using k8s.Models;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Tests.Informers;

internal static class TestObjects
{
    public static V1ConfigMap ConfigMap(
        string ns,
        string name,
        string resourceVersion = "1",
        Dictionary<string, string>? labels = null,
        string? ownerUid = null,
        string ownerKind = "ModelDeployment",
        long generation = 1,
        Dictionary<string, string>? annotations = null) => new()
        {
            ApiVersion = V1ConfigMap.KubeApiVersion,
            Kind = V1ConfigMap.KubeKind,
            Metadata = new V1ObjectMeta
            {
                NamespaceProperty = ns,
                Name = name,
                Uid = $"uid-{ns}-{name}",
                ResourceVersion = resourceVersion,
                Generation = generation,
                Labels = labels,
                Annotations = annotations,
                OwnerReferences = ownerUid is null
                    ? null
                    : [new V1OwnerReference { ApiVersion = "modelship.dev/v1alpha1", Kind = ownerKind, Name = "owner", Uid = ownerUid, Controller = true }],
            },
        };
}
