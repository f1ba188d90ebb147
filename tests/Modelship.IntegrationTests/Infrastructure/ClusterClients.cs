using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;

namespace Modelship.IntegrationTests.Infrastructure;

public static class ClusterClients
{
    /// <summary>A client configured the way users configure it: from the kubeconfig file (token, CA data).</summary>
    public static KubernetesClient AdminClient(this TestCluster.TestCluster cluster, KubernetesClientOptions? options = null) =>
        new(KubeconfigLoader.LoadFile(cluster.KubeconfigPath), options);

    /// <summary>A client of the user that RBAC grants nothing.</summary>
    public static KubernetesClient UnprivilegedClient(this TestCluster.TestCluster cluster) =>
        new(KubeconfigLoader.Parse(cluster.Kubeconfig(TestCluster.TestCluster.UnprivilegedUser, cluster.UnprivilegedToken)));
}
