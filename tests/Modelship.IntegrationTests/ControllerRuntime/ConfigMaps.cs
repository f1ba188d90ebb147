using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;

namespace Modelship.IntegrationTests.ControllerRuntime;

internal static class ConfigMaps
{
    public static Task<ConfigMap> CreateAsync(KubernetesClient client, string ns, string name, string version) =>
        client.For<ConfigMap>().CreateAsync(new ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Data = new() { ["v"] = version },
        });

    public static Task<ConfigMap> SetVersionAsync(KubernetesClient client, string ns, string name, string version) =>
        client.For<ConfigMap>().MergePatchAsync(ns, name, new JsonObject { ["data"] = new JsonObject { ["v"] = version } });
}
