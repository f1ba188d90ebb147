using System.Security.Cryptography.X509Certificates;

namespace Modelship.Kubernetes.Config;

/// <summary>Where the API server is and how to authenticate to it; built by the loaders in this folder.</summary>
public sealed class KubernetesClientConfiguration
{
    public required Uri Server { get; init; }

    /// <summary>The namespace of the kubeconfig context or of the in-cluster service account; null when unknown.</summary>
    public string? Namespace { get; init; }

    /// <summary>Bearer token source; null for client-certificate or anonymous access.</summary>
    public ITokenProvider? TokenProvider { get; init; }

    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Roots to trust for the server certificate instead of the system store.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    public bool SkipTlsVerify { get; init; }

    /// <summary>Server name to check the certificate against when it differs from the host in <see cref="Server"/>.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>Where the configuration came from, for logs and error messages.</summary>
    public string Source { get; init; } = "explicit";
}
