using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.Api.Routing;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;
using Modelship.Serving.Routing;

namespace Modelship.Cli.Routing;

/// <summary>Reports the served generation as the annotation <c>modelship.dev/routing-generation</c> on the router's own Pod.</summary>
public sealed class PodAnnotationGenerationReporter(KubernetesClient client, string ns, string podName) : IServedGenerationReporter
{
    public async Task ReportAsync(long generation, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject
                {
                    [RoutingTableConventions.ServedGenerationAnnotation] = generation.ToString(CultureInfo.InvariantCulture),
                },
            },
        };
        await client.For<V1Pod>().MergePatchAsync(ns, podName, patch, cancellationToken).ConfigureAwait(false);
    }
}
