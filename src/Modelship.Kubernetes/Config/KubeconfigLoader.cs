using System.Security.Cryptography.X509Certificates;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Modelship.Kubernetes.Config;

/// <summary>Builds a <see cref="KubernetesClientConfiguration"/> from a kubeconfig file.</summary>
public static class KubeconfigLoader
{
    /// <param name="path">The kubeconfig file.</param>
    /// <param name="context">The context to use; the file's current-context when null.</param>
    public static KubernetesClientConfiguration LoadFile(string path, string? context = null, TimeProvider? timeProvider = null)
    {
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubernetesConfigException($"Cannot read kubeconfig '{path}'.", ex);
        }

        return Parse(yaml, context, Path.GetDirectoryName(Path.GetFullPath(path)), path, timeProvider);
    }

    /// <param name="baseDirectory">Directory that relative certificate and token paths are resolved against.</param>
    public static KubernetesClientConfiguration Parse(
        string yaml,
        string? context = null,
        string? baseDirectory = null,
        string source = "kubeconfig",
        TimeProvider? timeProvider = null)
    {
        var file = Deserialize(yaml, source);

        var contextName = context ?? file.CurrentContext;
        if (string.IsNullOrEmpty(contextName))
        {
            throw new KubernetesConfigException($"Kubeconfig '{source}' has no current-context and no context was given.");
        }

        var namedContext = file.Contexts?.FirstOrDefault(c => c.Name == contextName)?.Context
            ?? throw new KubernetesConfigException($"Kubeconfig '{source}' has no context named '{contextName}'.");

        var cluster = file.Clusters?.FirstOrDefault(c => c.Name == namedContext.Cluster)?.Cluster
            ?? throw new KubernetesConfigException(
                $"Context '{contextName}' in kubeconfig '{source}' refers to cluster '{namedContext.Cluster}', which is not defined.");

        KubeconfigUser? user = null;
        if (!string.IsNullOrEmpty(namedContext.User))
        {
            user = file.Users?.FirstOrDefault(u => u.Name == namedContext.User)?.User
                ?? throw new KubernetesConfigException(
                    $"Context '{contextName}' in kubeconfig '{source}' refers to user '{namedContext.User}', which is not defined.");
        }

        if (string.IsNullOrEmpty(cluster.Server) || !Uri.TryCreate(cluster.Server, UriKind.Absolute, out var server))
        {
            throw new KubernetesConfigException(
                $"Cluster '{namedContext.Cluster}' in kubeconfig '{source}' has no valid server URL ('{cluster.Server}').");
        }

        return new KubernetesClientConfiguration
        {
            Server = server,
            Namespace = string.IsNullOrEmpty(namedContext.Namespace) ? null : namedContext.Namespace,
            SkipTlsVerify = cluster.InsecureSkipTlsVerify,
            TlsServerName = cluster.TlsServerName,
            CertificateAuthorities = LoadAuthorities(cluster, baseDirectory),
            ClientCertificate = LoadClientCertificate(user, baseDirectory),
            TokenProvider = LoadTokenProvider(user, baseDirectory, contextName, source, timeProvider),
            Source = $"{source} (context {contextName})",
        };
    }

    private static KubeconfigFile Deserialize(string yaml, string source)
    {
        var deserializer = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();
        try
        {
            return deserializer.Deserialize<KubeconfigFile?>(yaml)
                ?? throw new KubernetesConfigException($"Kubeconfig '{source}' is empty.");
        }
        catch (YamlException ex)
        {
            throw new KubernetesConfigException($"Kubeconfig '{source}' is not valid: {ex.Message}", ex);
        }
    }

    private static X509Certificate2Collection? LoadAuthorities(
        KubeconfigCluster cluster, string? baseDirectory)
    {
        if (string.IsNullOrEmpty(cluster.CertificateAuthorityData) && string.IsNullOrEmpty(cluster.CertificateAuthority))
        {
            return null;
        }

        var pem = PemCertificates.ReadPem(cluster.CertificateAuthorityData, cluster.CertificateAuthority, "certificate authority", baseDirectory);
        return PemCertificates.LoadAuthorities(pem, "certificate authority");
    }

    private static X509Certificate2? LoadClientCertificate(
        KubeconfigUser? user, string? baseDirectory)
    {
        if (user is null)
        {
            return null;
        }

        var hasCertificate = !string.IsNullOrEmpty(user.ClientCertificateData) || !string.IsNullOrEmpty(user.ClientCertificate);
        var hasKey = !string.IsNullOrEmpty(user.ClientKeyData) || !string.IsNullOrEmpty(user.ClientKey);
        if (!hasCertificate && !hasKey)
        {
            return null;
        }

        if (hasCertificate != hasKey)
        {
            throw new KubernetesConfigException("A kubeconfig user with a client certificate needs a client key too (and the other way round).");
        }

        var certificatePem = PemCertificates.ReadPem(user.ClientCertificateData, user.ClientCertificate, "client certificate", baseDirectory);
        var keyPem = PemCertificates.ReadPem(user.ClientKeyData, user.ClientKey, "client key", baseDirectory);
        return PemCertificates.LoadClientCertificate(certificatePem, keyPem);
    }

    private static ITokenProvider? LoadTokenProvider(
        KubeconfigUser? user, string? baseDirectory, string contextName, string source, TimeProvider? timeProvider)
    {
        if (user is null)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(user.Token))
        {
            return new StaticTokenProvider(user.Token);
        }

        if (!string.IsNullOrEmpty(user.TokenFile))
        {
            return new FileTokenProvider(PemCertificates.ResolvePath(user.TokenFile, baseDirectory), timeProvider: timeProvider);
        }

        var hasClientCertificate = !string.IsNullOrEmpty(user.ClientCertificateData) || !string.IsNullOrEmpty(user.ClientCertificate);
        if (!hasClientCertificate && (user.Exec is not null || user.AuthProvider is not null || user.Username is not null))
        {
            // Better to fail loudly here than to talk to the server anonymously and get puzzling 401/403 answers.
            throw new KubernetesConfigException(
                $"The user of context '{contextName}' in kubeconfig '{source}' uses exec, auth-provider or basic authentication, " +
                "which this client does not support; use a token, token file or client certificate.");
        }

        return null;
    }
}
