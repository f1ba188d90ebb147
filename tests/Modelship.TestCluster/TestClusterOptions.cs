namespace Modelship.TestCluster;

public sealed record TestClusterOptions
{
    /// <summary>
    /// kube-apiserver's watch cache. Off makes watches read etcd directly, so an etcd compaction turns an old
    /// resourceVersion into `410 Gone` at once (with the cache on, only a window overflow does).
    /// </summary>
    public bool WatchCache { get; init; } = true;

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// ServiceAccounts ("namespace/name") that can sign in with a static token as a Pod of theirs would:
    /// user <c>system:serviceaccount:namespace:name</c> in the groups <c>system:serviceaccounts</c> and
    /// <c>system:serviceaccounts:namespace</c> (<see cref="TestCluster.ServiceAccountKubeconfigAsync"/>).
    /// </summary>
    public IReadOnlyList<string> ServiceAccounts { get; init; } = [];
}
