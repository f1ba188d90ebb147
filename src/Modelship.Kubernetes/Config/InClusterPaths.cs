namespace Modelship.Kubernetes.Config;

/// <summary>Files the kubelet mounts into a pod for its service account; injectable for tests.</summary>
public sealed record InClusterPaths(string TokenPath, string CertificateAuthorityPath, string NamespacePath)
{
    private const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    public static InClusterPaths Default { get; } = InDirectory(ServiceAccountDirectory);

    public static InClusterPaths InDirectory(string directory) => new(
        Path.Combine(directory, "token"),
        Path.Combine(directory, "ca.crt"),
        Path.Combine(directory, "namespace"));
}
