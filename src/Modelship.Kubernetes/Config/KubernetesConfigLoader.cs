using k8s;

namespace Modelship.Kubernetes.Config;

/// <summary>
/// Finds the configuration the way controller-runtime does: <c>KUBECONFIG</c> if set, else in-cluster when the
/// service environment variables say so, else <c>~/.kube/config</c>. Nothing found is an error, never localhost
/// (the package's <c>BuildDefaultConfig</c> falls back to http://localhost:8080).
/// </summary>
public static class KubernetesConfigLoader
{
    public const string KubeconfigVariable = "KUBECONFIG";

    public static KubernetesClientConfiguration LoadDefault(
        string? context = null,
        Func<string, string?>? getEnvironmentVariable = null,
        string? homeDirectory = null,
        InClusterPaths? inClusterPaths = null,
        TimeProvider? timeProvider = null)
    {
        getEnvironmentVariable ??= Environment.GetEnvironmentVariable;
        homeDirectory ??= Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        var kubeconfigVariable = getEnvironmentVariable(KubeconfigVariable);
        if (!string.IsNullOrWhiteSpace(kubeconfigVariable))
        {
            // KUBECONFIG may list several files; merging them is not supported, the first existing one is used.
            var candidates = kubeconfigVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var first = candidates.FirstOrDefault(File.Exists)
                ?? throw new KubernetesConfigException($"{KubeconfigVariable} is set to '{kubeconfigVariable}' but none of its files exists.");
            return KubeconfigLoader.LoadFile(first, context);
        }

        if (InClusterConfigLoader.IsInCluster(getEnvironmentVariable))
        {
            return InClusterConfigLoader.Load(getEnvironmentVariable, inClusterPaths, timeProvider: timeProvider);
        }

        var homeConfig = string.IsNullOrEmpty(homeDirectory) ? null : Path.Combine(homeDirectory, ".kube", "config");
        if (homeConfig is not null && File.Exists(homeConfig))
        {
            return KubeconfigLoader.LoadFile(homeConfig, context);
        }

        throw new KubernetesConfigException(
            $"No Kubernetes configuration found: {KubeconfigVariable} is not set, " +
            $"{InClusterConfigLoader.HostVariable}/{InClusterConfigLoader.PortVariable} are not set (not in a cluster), " +
            $"and '{homeConfig ?? "~/.kube/config"}' does not exist.");
    }
}
