using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Models;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Tests.ModelDeployment.Builders;

internal static class Samples
{
    public static MD Fraud(Func<ModelDeploymentSpec, ModelDeploymentSpec>? change = null)
    {
        var spec = new ModelDeploymentSpec
        {
            Model = new ModelSpec { Uri = "https://models.example.com/fraud/v2.onnx", Version = "v2", Sha256 = new string('a', 64) },
            Replicas = 2,
            Resources = new ComputeResources
            {
                Requests = new Dictionary<string, string> { ["cpu"] = "500m", ["memory"] = "512Mi" },
                Limits = new Dictionary<string, string> { ["memory"] = "1Gi" },
            },
            NodeSelector = new Dictionary<string, string> { ["pool"] = "inference" },
            Tolerations = [new Api.V1Alpha1.Toleration { Key = "gpu", Operator = TolerationOperator.Exists, Effect = TaintEffect.NoSchedule }],
        };
        return new MD
        {
            Metadata = new V1ObjectMeta { Name = "fraud", NamespaceProperty = "risk", Uid = "0b6c4a8e-1111-2222-3333-444455556666", Generation = 3 },
            Spec = change?.Invoke(spec) ?? spec,
        };
    }
}
