using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;

namespace Modelship.Benchmarks.ModelDeployments;

/// <summary>
/// How fast this API server and this machine are right now: the time to create, then update, the same number of plain
/// ConfigMaps with the same concurrency as the ModelDeployment burst. The burst's time divided by this one means the
/// same on a quiet and on a busy machine (the operator's own time moved 3x with the load average; this moves with it).
/// </summary>
internal static class ApiServerCalibration
{
    public static async Task<TimeSpan> CreateAndUpdateAsync(KubernetesClient client, string ns, int objects, int concurrency)
    {
        var configMaps = client.For<V1ConfigMap>();
        await client.For<V1Namespace>().CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency };
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, objects), options, async (i, ct) =>
            await configMaps.CreateAsync(new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = Name(i), NamespaceProperty = ns },
                Data = new Dictionary<string, string> { ["model"] = $"https://models.example.com/m{i}.onnx" },
            }, cancellationToken: ct));
        await Parallel.ForEachAsync(Enumerable.Range(0, objects), options, async (i, ct) =>
            await configMaps.MergePatchAsync(ns, Name(i), new JsonObject { ["data"] = new JsonObject { ["version"] = "v2" } }, ct));
        return clock.Elapsed;
    }

    private static string Name(int i) => $"c{i:0000}";
}
