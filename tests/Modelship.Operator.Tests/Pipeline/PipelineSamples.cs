using k8s;
using k8s.Models;
using Modelship.Api.Conditions;
using Modelship.Api.Serialization;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Models;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using PipelineResource = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.Operator.Tests.Pipeline;

internal static class PipelineSamples
{
    /// <summary>
    /// <c>scoring</c> in <c>risk</c>: an inline <c>prep</c> model at <paramref name="prepVersion"/>, the <c>fraud</c>
    /// ModelDeployment, a validation.
    /// </summary>
    public static PipelineResource Scoring(string prepVersion = "v1", PipelineStatus? status = null, long generation = 1) => new()
    {
        Metadata = new V1ObjectMeta { Name = "scoring", NamespaceProperty = "risk", Uid = "8a1c2f0e-0000-4000-8000-000000000001", Generation = generation },
        Spec = System.Text.Json.JsonSerializer.Deserialize("""
            {"steps":[
              {"name":"prep","model":{"model":{"uri":"https://models.example.com/prep/PREP_VERSION.onnx","version":"PREP_VERSION"}}},
              {"name":"classify","model":{"modelDeploymentRef":{"name":"fraud"}}},
              {"name":"checks","validations":{"checks":[{"name":"confident","expression":"outputs.p.exists(x, x > 0.6)"}]}}
            ]}
            """.Replace("PREP_VERSION", prepVersion, StringComparison.Ordinal), ModelshipApiJsonContext.Default.PipelineSpec)!,
        Status = status,
    };

    /// <summary>The <c>fraud</c> ModelDeployment with <paramref name="active"/> as its active version and Ready as given.</summary>
    public static MD Fraud(string active = "v1", ConditionStatus ready = ConditionStatus.True, string reason = ConditionReasons.Available, long? served = 3) => new()
    {
        Metadata = new V1ObjectMeta { Name = "fraud", NamespaceProperty = "risk", Uid = "8a1c2f0e-0000-4000-8000-000000000002" },
        Spec = new ModelDeploymentSpec { Model = new ModelSpec { Uri = $"https://models.example.com/fraud/{active}.onnx", Version = active } },
        Status = new ModelDeploymentStatus
        {
            ActiveModel = new ModelVersionStatus { Version = active, Uri = $"https://models.example.com/fraud/{active}.onnx" },
            ServedGeneration = served,
            Conditions = [new Api.Conditions.Condition { LastTransitionTime = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), Type = ConditionTypes.Ready, Status = ready, Reason = reason, Message = reason == ConditionReasons.Available ? $"version {active} serves traffic" : "waiting" }],
        },
    };
}
