using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Modelship.Kubernetes.Tests.Fakes;

/// <summary>Self-signed certificates made at test time, as PEM text.</summary>
public static class TestCertificates
{
    public static (string CertificatePem, string KeyPem) CreateSelfSigned(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
