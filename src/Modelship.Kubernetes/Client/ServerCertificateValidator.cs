using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using k8s;

namespace Modelship.Kubernetes.Client;

/// <summary>
/// Checks the API server's certificate against the configured CA bundle (not the system store) and name. Ours rather
/// than the package's callback: that one ignores <c>tls-server-name</c>, and when the chain has errors it stops looking
/// at a name mismatch.
/// </summary>
internal sealed class ServerCertificateValidator(KubernetesClientConfiguration configuration)
{
    public bool Validate(X509Certificate? certificate, X509Chain? presentedChain, SslPolicyErrors errors)
    {
        if (configuration.SkipTlsVerify)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var converted = certificate is X509Certificate2 ? null : new X509Certificate2(certificate);
        var serverCertificate = certificate as X509Certificate2 ?? converted!;
        var nameMatches = configuration.TlsServerName is { } serverName
            ? serverCertificate.MatchesHostname(serverName)
            : !errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch);
        if (!nameMatches)
        {
            return false;
        }

        if (configuration.SslCaCerts is not { Count: > 0 } authorities)
        {
            return !errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors);
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presentedChain is not null)
        {
            foreach (var element in presentedChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(serverCertificate);
    }
}
