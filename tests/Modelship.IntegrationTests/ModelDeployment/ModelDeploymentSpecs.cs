using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Models;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.IntegrationTests.ModelDeployment;

internal static class ModelDeploymentSpecs
{
    public static ModelSpec Model(string version) => new() { Uri = $"https://models.example.com/iris/{version}.onnx", Version = version };

    public static MD Iris(string ns, string name = "iris", Func<ModelDeploymentSpec, ModelDeploymentSpec>? change = null)
    {
        var spec = new ModelDeploymentSpec { Model = Model("v1") };
        return new MD { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns }, Spec = change?.Invoke(spec) ?? spec };
    }
}
