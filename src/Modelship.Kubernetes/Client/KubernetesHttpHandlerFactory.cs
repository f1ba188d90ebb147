using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Modelship.Kubernetes.Config;

namespace Modelship.Kubernetes.Client;

/// <summary>The one connection pool of a client: TLS set up from the configuration.</summary>
internal static class KubernetesHttpHandlerFactory
{
    public static SocketsHttpHandler Create(KubernetesClientConfiguration configuration)
    {
        var validator = new ServerCertificateValidator(configuration);
        var ssl = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) => validator.Validate(certificate, chain, errors),
        };
        if (configuration.ClientCertificate is { } clientCertificate)
        {
            ssl.ClientCertificates = new X509CertificateCollection { clientCertificate };
        }

        return new SocketsHttpHandler
        {
            SslOptions = ssl,
            // Re-resolve DNS and spread over API server replicas now and then.
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.GZip,
        };
    }
}
