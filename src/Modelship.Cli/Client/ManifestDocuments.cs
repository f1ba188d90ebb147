using System.Text.Json;
using System.Text.Json.Nodes;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Yaml;

namespace Modelship.Cli.Client;

/// <summary>
/// The objects of a <c>-f</c> file (YAML or JSON, several documents; <c>-</c> reads stdin) that a command applies:
/// the documents of its kind, each in the chosen namespace (a document naming another namespace is refused, as
/// kubectl refuses it). The documents are sent as written, so the API server (not this client) judges the fields.
/// </summary>
public static class ManifestDocuments
{
    /// <param name="text">The file's content.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <param name="explicitNamespace">-n when given: a document in another namespace is an error.</param>
    /// <exception cref="ClientCommandException">Not YAML, no document of the kind, a document without a name or in another namespace (usage).</exception>
    public static ManifestSelection Select(string text, string source, DeployedKind kind, string ns, string? explicitNamespace)
    {
        ArgumentNullException.ThrowIfNull(kind);
        IReadOnlyList<JsonNode> documents;
        try
        {
            documents = YamlDocuments.Parse(text);
        }
        catch (FormatException e)
        {
            throw new ClientCommandException(CliExitCodes.Usage, $"{source}: {e.Message}", e);
        }
        var selected = new List<GenericObject>();
        var ignored = new List<string>();
        foreach (var document in documents)
        {
            if (document is not JsonObject obj)
            {
                throw new ClientCommandException(CliExitCodes.Usage, $"{source}: a document is a JSON {document.GetValueKind().ToString().ToLowerInvariant()}, not an object");
            }
            var documentKind = obj["kind"] is JsonValue k && k.TryGetValue<string>(out var kindText) ? kindText : "";
            if (documentKind != kind.Kind)
            {
                ignored.Add(documentKind.Length == 0 ? "(no kind)" : documentKind);
                continue;
            }
            selected.Add(ToObject(obj, source, kind, ns, explicitNamespace));
        }
        if (selected.Count == 0)
        {
            throw new ClientCommandException(CliExitCodes.Usage,
                $"{source} holds no {kind.Kind} (kinds found: {(ignored.Count == 0 ? "none" : string.Join(", ", ignored))})");
        }
        return new ManifestSelection(selected, ignored);
    }

    /// <summary>Reads <paramref name="path"/>, or stdin for <c>-</c>.</summary>
    public static string ReadText(string path)
    {
        try
        {
            return path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClientCommandException(CliExitCodes.Usage, $"cannot read {path}: {e.Message}", e);
        }
    }

    private static GenericObject ToObject(JsonObject document, string source, DeployedKind kind, string ns, string? explicitNamespace)
    {
        if (document["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            document["metadata"] = metadata;
        }
        var name = metadata["name"] is JsonValue n && n.TryGetValue<string>(out var nameText) ? nameText : null;
        if (string.IsNullOrEmpty(name))
        {
            throw new ClientCommandException(CliExitCodes.Usage, $"{source}: a {kind.Kind} has no metadata.name");
        }
        var documentNamespace = metadata["namespace"] is JsonValue d && d.TryGetValue<string>(out var nsText) ? nsText : null;
        if (!string.IsNullOrEmpty(documentNamespace) && explicitNamespace is not null && documentNamespace != explicitNamespace)
        {
            throw new ClientCommandException(CliExitCodes.Usage,
                $"{source}: the namespace of {kind.Noun} \"{name}\" (\"{documentNamespace}\") does not match the namespace \"{explicitNamespace}\" given with -n");
        }
        metadata["namespace"] = string.IsNullOrEmpty(documentNamespace) ? ns : documentNamespace;
        try
        {
            return document.Deserialize<GenericObject>(KubernetesJsonOptions.Default)
                ?? throw new ClientCommandException(CliExitCodes.Usage, $"{source}: {kind.Noun} \"{name}\" is null");
        }
        catch (JsonException e)
        {
            throw new ClientCommandException(CliExitCodes.Usage, $"{source}: {kind.Noun} \"{name}\" has malformed metadata: {e.Message}", e);
        }
    }
}

/// <summary>The objects to apply, and the kinds of the documents left out.</summary>
public sealed record ManifestSelection(IReadOnlyList<GenericObject> Objects, IReadOnlyList<string> IgnoredKinds);
