using Modelship.Kubernetes.Client;

namespace Modelship.IntegrationTests.Infrastructure;

/// <summary>A test with an admin client of the cluster and a namespace of its own, created before each test.</summary>
public abstract class NamespacedTest(TestCluster.TestCluster cluster, string namespacePrefix) : IAsyncLifetime
{
    protected KubernetesClient Client { get; } = cluster.AdminClient();

    protected string TestNamespace { get; private set; } = "";

    public virtual async Task InitializeAsync() => TestNamespace = await cluster.CreateNamespaceAsync(namespacePrefix);

    public virtual Task DisposeAsync()
    {
        Client.Dispose();
        return Task.CompletedTask;
    }
}
