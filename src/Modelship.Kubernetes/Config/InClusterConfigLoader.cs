using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using k8s;

namespace Modelship.Kubernetes.Config;

/// <summary>
/// Configuration of a pod talking to its own cluster through its service account. Unlike the package's
/// <c>InClusterConfig()</c> the files are injectable (tests) and the token comes from <see cref="FileTokenProvider"/>,
/// which keeps the last token while the kubelet rotates the file.
/// </summary>
public static class InClusterConfigLoader
{
    public const string HostVariable = "KUBERNETES_SERVICE_HOST";
    public const string PortVariable = "KUBERNETES_SERVICE_PORT";

    public static bool IsInCluster(Func<string, string?> getEnvironmentVariable) =>
        !string.IsNullOrEmpty(getEnvironmentVariable(HostVariable)) && !string.IsNullOrEmpty(getEnvironmentVariable(PortVariable));

    public static KubernetesClientConfiguration Load(
        Func<string, string?>? getEnvironmentVariable = null,
        InClusterPaths? paths = null,
        TimeSpan? tokenRefreshInterval = null,
        TimeProvider? timeProvider = null)
    {
        getEnvironmentVariable ??= Environment.GetEnvironmentVariable;
        paths ??= InClusterPaths.Default;

        var host = getEnvironmentVariable(HostVariable);
        var port = getEnvironmentVariable(PortVariable);
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubernetesConfigException($"Not running in a cluster: {HostVariable} and {PortVariable} must both be set.");
        }

        if (!File.Exists(paths.TokenPath))
        {
            throw new KubernetesConfigException(
                $"{HostVariable} is set but the service account token '{paths.TokenPath}' does not exist " +
                "(is automountServiceAccountToken disabled?).");
        }

        // An IPv6 service address must be bracketed in a URL.
        var hostPart = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
        if (!Uri.TryCreate($"https://{hostPart}:{port}", UriKind.Absolute, out var server))
        {
            throw new KubernetesConfigException($"{HostVariable}='{host}' and {PortVariable}='{port}' do not form a valid URL.");
        }

        X509Certificate2Collection? authorities = null;
        if (File.Exists(paths.CertificateAuthorityPath))
        {
            authorities = [];
            try
            {
                authorities.ImportFromPemFile(paths.CertificateAuthorityPath);
            }
            catch (CryptographicException ex)
            {
                throw new KubernetesConfigException($"The service account CA '{paths.CertificateAuthorityPath}' is not a PEM certificate bundle.", ex);
            }
        }

        string? ns = null;
        if (File.Exists(paths.NamespacePath))
        {
            ns = File.ReadAllText(paths.NamespacePath).Trim();
        }

        return new KubernetesClientConfiguration
        {
            Host = server.AbsoluteUri,
            Namespace = string.IsNullOrEmpty(ns) ? null : ns,
            TokenProvider = new FileTokenProvider(paths.TokenPath, tokenRefreshInterval, timeProvider),
            SslCaCerts = authorities,
        };
    }
}
