using System.Text.RegularExpressions;

namespace Modelship.Api.Validation;

/// <summary>Kubernetes name syntax (RFC 1123 labels, as namespaces and Service names use).</summary>
public static partial class DnsNames
{
    public static bool IsLabel(string value) => value.Length <= 63 && Label().IsMatch(value);

    /// <summary>An RFC 1123 subdomain: what most object names (ModelDeployments, Secrets) must be.</summary>
    public static bool IsSubdomain(string value) => value.Length <= 253 && value.Split('.').All(part => part.Length <= 63 && Label().IsMatch(part));

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
