using System.Text.Json.Nodes;
using Modelship.Kubernetes.Yaml;

namespace Modelship.IntegrationTests.Chart;

/// <summary>The documents of a `helm template` output, parsed as kubectl parses them.</summary>
public sealed class RenderedChart
{
    public RenderedChart(string yaml)
    {
        Yaml = yaml;
        Objects = YamlDocuments.Parse(yaml).Select(node => node.AsObject()).ToList();
    }

    public string Yaml { get; }

    public IReadOnlyList<JsonObject> Objects { get; }

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject Single(string kind, string name, string? @namespace = null)
    {
        var matches = OfKind(kind).Where(o => Name(o) == name && (@namespace is null || Namespace(o) == @namespace)).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"expected one {kind} {@namespace}/{name}, found {matches.Count} in:\n{Yaml}");
    }

    public IEnumerable<string> KindsAndNames => Objects.Select(o => $"{o["kind"]}/{Namespace(o)}/{Name(o)}");

    public static string? Name(JsonObject o) => (string?)o["metadata"]?["name"];

    public static string? Namespace(JsonObject o) => (string?)o["metadata"]?["namespace"];

    /// <summary>The operator Deployment's one container.</summary>
    public JsonObject OperatorContainer => Single("Deployment", HelmRender.Release)["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();

    public IReadOnlyList<string> OperatorArgs => OperatorContainer["args"]!.AsArray().Select(a => (string)a!).ToList();
}
