using k8s;
using k8s.Models;
using Modelship.Api.Serialization;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using PipelineResource = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.IntegrationTests.Pipeline;

internal static class PipelineSpecs
{
    /// <summary>
    /// <c>scoring</c>: an inline preprocessing model (<paramref name="prepVersion"/>), the <c>iris</c> ModelDeployment,
    /// and a validation.
    /// </summary>
    public static PipelineResource Scoring(string ns, string prepVersion = "v1", string name = "scoring") => Parse(ns, name, """
        {"steps":[
          {"name":"prep","model":{"model":{"uri":"https://models.example.com/prep/PREP_VERSION.onnx","version":"PREP_VERSION"}}},
          {"name":"classify","model":{"modelDeploymentRef":{"name":"iris"}}},
          {"name":"checks","validations":{"checks":[{"name":"confident","expression":"outputs.probabilities.exists(p, p > 0.6)"}]}}
        ]}
        """.Replace("PREP_VERSION", prepVersion, StringComparison.Ordinal));

    public static PipelineResource Parse(string ns, string name, string specJson) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = System.Text.Json.JsonSerializer.Deserialize(specJson, ModelshipApiJsonContext.Default.PipelineSpec)!,
    };

    /// <summary>The Deployment and Service name of the scoring pipeline's prep model at <paramref name="version"/>.</summary>
    public static string Prep(string version, string pipeline = "scoring") => ChildNames.PipelineRuntime(pipeline, "prep", "prep", version);
}
