namespace Modelship.Kubernetes.Queue;

/// <summary>What <see cref="WorkQueue{T}.GetAsync"/> hands out: an item to process, or the news that the queue shut down.</summary>
public readonly record struct WorkQueueItem<T>(T Item, bool IsShutdown)
{
    internal static WorkQueueItem<T> Shutdown => new(default!, true);
}
