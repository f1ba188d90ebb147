using System.Runtime.CompilerServices;
using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Watch;
using Modelship.Serving.Routing;

namespace Modelship.Cli.Routing;

/// <summary>
/// The routing table document in one key of one ConfigMap, followed with a list-then-watch on that ConfigMap alone
/// (field selector on its name). A deleted ConfigMap or a missing key yields null; the router then keeps its table.
/// </summary>
public sealed class ConfigMapRoutingTableWatch(KubernetesClient client, string ns, string name, string key) : IRoutingTableDocumentWatch
{
    public string Origin => $"ConfigMap {ns}/{name} key {key}";

    public async IAsyncEnumerable<string?> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var watcher = client.For<V1ConfigMap>().ListWatch(ns, new ListWatcherOptions { FieldSelector = $"metadata.name={name}" });
        await foreach (var change in watcher.WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            var configMap = change.Type switch
            {
                ListWatchEventType.Snapshot => change.Items.Count > 0 ? change.Items[0] : null,
                ListWatchEventType.Deleted => null,
                _ => change.Object,
            };
            yield return configMap?.DataValue(key);
        }
    }
}
