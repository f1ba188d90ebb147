using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Informers;

/// <summary>The kind-independent face of an informer, for the factory and readiness checks.</summary>
public interface ISharedInformer
{
    ResourceType Resource { get; }

    /// <summary>True once the first list has been stored in the cache.</summary>
    bool HasSynced { get; }

    Task WaitForCacheSyncAsync(CancellationToken cancellationToken);

    /// <summary>Lists and watches until cancelled.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
