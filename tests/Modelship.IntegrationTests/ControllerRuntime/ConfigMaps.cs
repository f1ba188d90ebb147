using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;

namespace Modelship.IntegrationTests.ControllerRuntime;

internal static class ConfigMaps
{
    public static Task<V1ConfigMap> CreateAsync(KubernetesClient client, string ns, string name, string version) =>
        client.For<V1ConfigMap>().CreateAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Data = new Dictionary<string, string> { ["v"] = version },
        });

    public static Task<V1ConfigMap> SetVersionAsync(KubernetesClient client, string ns, string name, string version) =>
        client.For<V1ConfigMap>().MergePatchAsync(ns, name, new JsonObject { ["data"] = new JsonObject { ["v"] = version } });
}
