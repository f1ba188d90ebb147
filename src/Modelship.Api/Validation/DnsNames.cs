using System.Text.RegularExpressions;

namespace Modelship.Api.Validation;

/// <summary>Kubernetes name syntax (RFC 1123 labels, as namespaces and Service names use).</summary>
public static partial class DnsNames
{
    public static bool IsLabel(string value) => value.Length <= 63 && Label().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
