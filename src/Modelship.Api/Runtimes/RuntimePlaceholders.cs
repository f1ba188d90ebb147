using System.Globalization;
using System.Text.RegularExpressions;

namespace Modelship.Api.Runtimes;

/// <summary>What the placeholders of a ServingRuntime's command, args and env stand for, for one model version.</summary>
/// <param name="ModelPath">Where the server finds the model: /models in a pod, the model's local path under <c>modelship run</c>.</param>
/// <param name="ModelName">The name the router asks for (<c>/v2/models/{name}</c>).</param>
/// <param name="Host">The address to listen on: 0.0.0.0 in a pod, 127.0.0.1 under <c>modelship run</c>.</param>
public sealed record RuntimePlaceholderValues(string ModelPath, string ModelName, string ModelVersion, int Port, string Host)
{
    /// <summary>What a server in a pod listens on: every address, so the kubelet's probes and the Service reach it.</summary>
    public const string PodHost = "0.0.0.0";

    /// <summary>What a server of <c>modelship run</c> listens on: nothing outside the machine reaches it.</summary>
    public const string LocalHost = "127.0.0.1";
}

/// <summary>
/// The <c>{{.Name}}</c> placeholders of a ServingRuntime (Go-template spelling, as KServe's ServingRuntimes use):
/// plain text substitution, so a server's own arguments never go through a template engine.
/// </summary>
public static partial class RuntimePlaceholders
{
    public const string ModelPath = "ModelPath";
    public const string ModelName = "ModelName";
    public const string ModelVersion = "ModelVersion";
    public const string Port = "Port";
    public const string Host = "Host";

    public static IReadOnlyList<string> Names { get; } = [ModelPath, ModelName, ModelVersion, Port, Host];

    /// <summary><paramref name="text"/> with every known placeholder replaced; unknown ones are left as written.</summary>
    public static string Expand(string text, RuntimePlaceholderValues values)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(values);
        return Placeholder().Replace(text, match => match.Groups["name"].Value switch
        {
            ModelPath => values.ModelPath,
            ModelName => values.ModelName,
            ModelVersion => values.ModelVersion,
            Port => values.Port.ToString(CultureInfo.InvariantCulture),
            Host => values.Host,
            _ => match.Value,
        });
    }

    /// <summary>The placeholder names in <paramref name="text"/> that are not in <see cref="Names"/>.</summary>
    public static IEnumerable<string> Unknown(string text) =>
        Placeholder().Matches(text ?? "").Select(m => m.Groups["name"].Value).Where(n => !Names.Contains(n, StringComparer.Ordinal));

    [GeneratedRegex(@"\{\{\s*\.(?<name>[A-Za-z][A-Za-z0-9]*)\s*\}\}")]
    private static partial Regex Placeholder();
}
