namespace Modelship.Kubernetes.Models;

/// <summary>Anything with apiVersion, kind and metadata.</summary>
public interface IKubernetesObject
{
    string ApiVersion { get; set; }

    string Kind { get; set; }

    ObjectMeta Metadata { get; set; }
}

/// <summary>A typed kind that knows its own resource description, so <c>client.For&lt;T&gt;()</c> can build URLs.</summary>
public interface IKubernetesResource<TSelf> : IKubernetesObject
    where TSelf : IKubernetesResource<TSelf>
{
    static abstract ResourceType Resource { get; }
}
