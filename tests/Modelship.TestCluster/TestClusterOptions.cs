namespace Modelship.TestCluster;

public sealed record TestClusterOptions
{
    /// <summary>
    /// kube-apiserver's watch cache. Off makes watches read etcd directly, so an etcd compaction turns an old
    /// resourceVersion into `410 Gone` at once (with the cache on, only a window overflow does).
    /// </summary>
    public bool WatchCache { get; init; } = true;

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
