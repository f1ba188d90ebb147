using k8s;
using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Informers;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>The cache a kind of child is read from and the client it is written through.</summary>
public sealed record ChildStore<T>(ObjectCache<T> Cache, ResourceClient<T> Client)
    where T : class, IKubernetesObject<V1ObjectMeta>;
