using System.Security.Cryptography;
using System.Text;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>
/// Names of the objects a ModelDeployment owns. Deterministic, DNS-1035 labels (Service names must be), at most 63
/// characters. When the readable form would lose information (upper case, dots, too long) a hash of the exact
/// inputs is appended, so two different versions never share a name and the same version always gets the same one.
/// </summary>
public static class ChildNames
{
    public const int MaxLength = 63;
    private const int HashLength = 8;

    /// <summary>The Deployment and Service of one model version, e.g. <c>fraud-v2</c>.</summary>
    public static string Runtime(string deploymentName, string version) => Bounded($"{deploymentName}-{version}");

    /// <summary>The router Deployment, e.g. <c>fraud-router</c>.</summary>
    public static string Router(string deploymentName) => Bounded($"{deploymentName}-router");

    /// <summary>The router pods' ServiceAccount and its RoleBinding, e.g. <c>fraud-router</c>.</summary>
    public static string RouterServiceAccount(string deploymentName) => Router(deploymentName);

    /// <summary>The stable Service in front of the routers: the endpoint clients call.</summary>
    public static string Endpoint(string deploymentName) => Bounded(deploymentName);

    /// <summary>The ConfigMap holding the routing table, e.g. <c>fraud-routing</c>.</summary>
    public static string RoutingTable(string deploymentName) => Bounded($"{deploymentName}-routing");

    /// <summary>A label value naming the ModelDeployment (label values are limited to 63 characters too).</summary>
    public static string InstanceLabel(string deploymentName) => Bounded(deploymentName);

    /// <summary>
    /// The Deployment and Service of one inline model version of a Pipeline step, e.g.
    /// <c>fraud-score-score-v2-1a2b3c4d</c>. Always hashed (the dot is not kept): step and model names may contain
    /// dashes, so the readable part alone could be the same for two different steps.
    /// </summary>
    public static string PipelineRuntime(string pipelineName, string step, string model, string version) => Bounded($"{pipelineName}-{step}.{model}-{version}");

    /// <summary>The <see cref="ChildMetadata.StepModelLabel"/> value of a Pipeline's model: step and model, hashed as above.</summary>
    public static string StepModel(string step, string model) => Bounded($"{step}.{model}");

    /// <summary><paramref name="wanted"/> itself when it is a valid DNS-1035 label, else a sanitized, hashed form.</summary>
    public static string Bounded(string wanted)
    {
        ArgumentException.ThrowIfNullOrEmpty(wanted);
        var sanitized = Sanitize(wanted);
        if (sanitized == wanted && sanitized.Length <= MaxLength)
        {
            return sanitized;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(wanted)))[..HashLength];
        var prefix = sanitized[..Math.Min(sanitized.Length, MaxLength - HashLength - 1)].TrimEnd('-');
        return prefix.Length == 0 ? $"m{hash}" : $"{prefix}-{hash}";
    }

    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name.ToLowerInvariant())
        {
            builder.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-');
        }
        var text = builder.ToString().Trim('-');
        // DNS-1035: must start with a letter.
        return text.Length > 0 && char.IsAsciiDigit(text[0]) ? "m" + text : text;
    }
}
