using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Modelship.Kubernetes.Config;

/// <summary>Loads PEM certificates and keys given inline (base64 of the PEM text, as kubeconfig stores them) or as files.</summary>
internal static class PemCertificates
{
    public static string ReadPem(string? base64Data, string? path, string what, string? baseDirectory)
    {
        if (!string.IsNullOrEmpty(base64Data))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(base64Data));
            }
            catch (FormatException ex)
            {
                throw new KubernetesConfigException($"The {what} data is not valid base64.", ex);
            }
        }

        var fullPath = ResolvePath(path!, baseDirectory);
        try
        {
            return File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubernetesConfigException($"Cannot read the {what} file '{fullPath}'.", ex);
        }
    }

    public static X509Certificate2Collection LoadAuthorities(string pem, string what)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            throw new KubernetesConfigException($"The {what} is not a valid PEM certificate bundle.", ex);
        }

        if (collection.Count == 0)
        {
            throw new KubernetesConfigException($"The {what} contains no PEM certificate.");
        }

        return collection;
    }

    public static X509Certificate2 LoadClientCertificate(string certificatePem, string keyPem)
    {
        try
        {
            return X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (CryptographicException ex)
        {
            throw new KubernetesConfigException("The client certificate or key is not valid PEM, or they do not match.", ex);
        }
    }

    /// <summary>Relative paths in a kubeconfig are relative to the file that names them.</summary>
    public static string ResolvePath(string path, string? baseDirectory) =>
        Path.IsPathRooted(path) || baseDirectory is null ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
}
