using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;

namespace Modelship.Kubernetes.Config;

/// <summary>
/// A kubeconfig file read by the KubernetesClient package (its source-generated YAML model, so it works under Native
/// AOT): token, basic, client certificate and exec users; certificate paths relative to the file. Two things on top:
/// every failure is a <see cref="KubernetesConfigException"/> naming the file, and a certificate authority bundle is
/// read whole (the package keeps only its first certificate, which for kube-apiserver's self-signed bundle is the
/// serving certificate rather than its CA).
/// </summary>
public static class KubeconfigLoader
{
    /// <param name="path">The kubeconfig file.</param>
    /// <param name="context">The context to use; the file's current-context when null.</param>
    public static KubernetesClientConfiguration LoadFile(string path, string? context = null)
    {
        if (!File.Exists(path))
        {
            throw new KubernetesConfigException($"Cannot read kubeconfig '{path}': the file does not exist.");
        }

        return Build(() => KubernetesClientConfiguration.LoadKubeConfig(path), context, path);
    }

    /// <summary>A kubeconfig document given as text; relative paths in it are relative to the working directory.</summary>
    public static KubernetesClientConfiguration Parse(string yaml, string? context = null, string source = "kubeconfig")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return Build(
            () =>
            {
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(yaml));
                return KubernetesClientConfiguration.LoadKubeConfig(stream);
            },
            context,
            source);
    }

    private static KubernetesClientConfiguration Build(Func<K8SConfiguration> load, string? context, string source)
    {
        KubernetesClientConfiguration configuration;
        try
        {
            var file = load();
            configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(file, context);
            if (AuthorityBundle(file, context ?? file.CurrentContext) is { } bundle)
            {
                foreach (var certificate in configuration.SslCaCerts ?? [])
                {
                    certificate.Dispose();
                }

                configuration.SslCaCerts = bundle;
            }
        }
        catch (Exception ex) when (ex is not KubernetesConfigException and not OutOfMemoryException)
        {
            // The package throws KubeConfigException, YAML and IO exceptions, and plain exceptions for retired auth providers.
            var detail = ex is KubeConfigException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            throw new KubernetesConfigException($"Kubeconfig '{source}' is not usable: {detail}", ex);
        }

        if (!Uri.TryCreate(configuration.Host, UriKind.Absolute, out _))
        {
            throw new KubernetesConfigException($"Kubeconfig '{source}' has no valid server URL ('{configuration.Host}').");
        }

        return configuration;
    }

    /// <summary>Every certificate of the context's PEM certificate authority, or null to keep what the package read.</summary>
    private static X509Certificate2Collection? AuthorityBundle(K8SConfiguration file, string? contextName)
    {
        var clusterName = file.Contexts?.FirstOrDefault(c => c.Name == contextName)?.ContextDetails?.Cluster;
        var cluster = file.Clusters?.FirstOrDefault(c => c.Name == clusterName)?.ClusterEndpoint;
        string? pem = null;
        if (!string.IsNullOrEmpty(cluster?.CertificateAuthorityData))
        {
            pem = Encoding.UTF8.GetString(Convert.FromBase64String(cluster.CertificateAuthorityData));
        }
        else if (!string.IsNullOrEmpty(cluster?.CertificateAuthority))
        {
            var directory = file.FileName is null ? null : Path.GetDirectoryName(Path.GetFullPath(file.FileName));
            pem = File.ReadAllText(directory is null ? cluster.CertificateAuthority : Path.Combine(directory, cluster.CertificateAuthority));
        }

        if (pem is null || !pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            return null;
        }

        X509Certificate2Collection bundle = [];
        bundle.ImportFromPem(pem);
        return bundle;
    }
}
