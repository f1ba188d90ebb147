using Modelship.TestCluster;

namespace Modelship.IntegrationTests.Infrastructure;

/// <summary>
/// One etcd + kube-apiserver shared by the tests of the "kube-apiserver" collection; each test takes its own
/// namespace. Tests that kill the server or compact etcd use <see cref="IsolatedClusterFixture"/> instead.
/// </summary>
public sealed class SharedClusterFixture : IAsyncLifetime
{
    private TestCluster.TestCluster? _cluster;

    public TestCluster.TestCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster has not started");

    public async Task InitializeAsync() => _cluster = await TestCluster.TestCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedClusterCollection : ICollectionFixture<SharedClusterFixture>
{
    public const string Name = "kube-apiserver";
}
