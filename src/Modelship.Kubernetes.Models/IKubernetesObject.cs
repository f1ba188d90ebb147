using k8s;
using k8s.Models;

namespace Modelship.Kubernetes.Models;

/// <summary>
/// A typed kind that knows its own resource description, so <c>client.For&lt;T&gt;()</c> can build URLs. Objects are
/// the package's <see cref="IKubernetesObject{TMetadata}"/> with <see cref="V1ObjectMeta"/>.
/// </summary>
public interface IKubernetesResource<TSelf> : IKubernetesObject<V1ObjectMeta>
    where TSelf : IKubernetesResource<TSelf>
{
    static abstract ResourceType Resource { get; }
}
