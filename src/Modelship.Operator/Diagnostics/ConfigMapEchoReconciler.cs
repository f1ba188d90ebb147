using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;

namespace Modelship.Operator.Diagnostics;

/// <summary>See <see cref="ConfigMapEchoController"/>. Level-based: only writes when the annotations differ.</summary>
internal sealed class ConfigMapEchoReconciler(
    ConfigMapEchoMode mode, ObjectCache<V1ConfigMap> cache, ResourceClient<V1ConfigMap> configMaps, string identity) : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var configMap = cache.Get(key);
        if (configMap?.Metadata.Label(ConfigMapEchoController.SelectorLabel) != "true" || mode == ConfigMapEchoMode.Noop)
        {
            return ReconcileResult.Done;
        }

        var version = configMap.DataValue(ConfigMapEchoController.VersionKey) ?? "";
        if (configMap.Metadata.Annotation(ConfigMapEchoController.ObservedVersionAnnotation) == version
            && configMap.Metadata.Annotation(ConfigMapEchoController.ReconciledByAnnotation) == identity)
        {
            return ReconcileResult.Done;
        }

        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject
                {
                    [ConfigMapEchoController.ObservedVersionAnnotation] = version,
                    [ConfigMapEchoController.ReconciledByAnnotation] = identity,
                },
            },
        };
        try
        {
            await configMaps.MergePatchAsync(key.Namespace, key.Name, patch, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex) when (ex.IsNotFound)
        {
            // Deleted since the cache saw it: nothing left to do.
        }

        return ReconcileResult.Done;
    }
}
