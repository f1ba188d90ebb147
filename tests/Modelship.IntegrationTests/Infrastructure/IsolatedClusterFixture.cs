using Modelship.TestCluster;

namespace Modelship.IntegrationTests.Infrastructure;

/// <summary>
/// An etcd + kube-apiserver of the test class's own, free to be killed, restarted and compacted. The watch cache is
/// off so that an etcd compaction makes an old resourceVersion `410 Gone` at once.
/// </summary>
public sealed class IsolatedClusterFixture : IAsyncLifetime
{
    private TestCluster.TestCluster? _cluster;

    public TestCluster.TestCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster has not started");

    public async Task InitializeAsync() =>
        _cluster = await TestCluster.TestCluster.StartAsync(new TestClusterOptions { WatchCache = false });

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
