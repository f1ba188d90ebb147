using System.Text.Json.Nodes;

namespace Modelship.ClusterTests.Support;

/// <summary>One backend of a ModelDeployment: a version served from one of the iris models on the models claim.</summary>
public sealed record IrisModel(string Version, string File)
{
    public JsonObject Spec() => new()
    {
        ["uri"] = $"pvc://{TestNamespace.ModelsClaim}/{File}",
        ["format"] = "onnx",
        ["version"] = Version,
    };
}

/// <summary>ModelDeployment manifests of the iris example, and the V2 request the tests send.</summary>
public static class IrisModelDeployment
{
    public const string RequestBody = """{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}""";

    public static string Manifest(string name, string ns, IrisModel champion, IReadOnlyList<(string Name, int Weight, IrisModel Model)> challengers,
        IReadOnlyList<(string Name, IrisModel Model)> shadows, bool suspend = false)
    {
        var traffic = new JsonObject();
        if (challengers.Count > 0)
        {
            traffic["challengers"] = new JsonArray([.. challengers.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["weight"] = c.Weight, ["model"] = c.Model.Spec() })]);
        }
        if (shadows.Count > 0)
        {
            traffic["shadows"] = new JsonArray([.. shadows.Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, ["model"] = s.Model.Spec() })]);
        }
        var spec = new JsonObject { ["model"] = champion.Spec(), ["traffic"] = traffic };
        if (suspend)
        {
            spec["suspend"] = true;
        }
        return new JsonObject
        {
            ["apiVersion"] = "modelship.dev/v1alpha1",
            ["kind"] = "ModelDeployment",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = spec,
        }.ToJsonString();
    }

    /// <summary>The V2 infer URL of a ModelDeployment named <paramref name="name"/> as Pods reach it (status.endpoint).</summary>
    public static string InClusterInferUrl(string name, string ns) => $"http://{name}.{ns}.svc.cluster.local/v2/models/{name}/infer";
}
