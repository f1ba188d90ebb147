using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Modelship.Api.Routing;
using Modelship.Api.Serialization;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Events;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Yaml;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;
using Modelship.Operator.Hosting;
using Modelship.TestCluster;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

// Usage: Modelship.Benchmarks.ModelDeployments --crd crds/modelship.dev_modeldeployments.yaml [--objects 1000]
var crdPath = ArgValue("--crd") ?? "crds/modelship.dev_modeldeployments.yaml";
var objects = int.Parse(ArgValue("--objects") ?? "1000", CultureInfo.InvariantCulture);
const string Ns = "bench";

await using var cluster = await TestCluster.StartAsync();
var configuration = KubeconfigLoader.LoadFile(cluster.KubeconfigPath);
var serializer = ModelshipApiJsonContext.KubernetesClientOptions;
using var client = new KubernetesClient(configuration, new KubernetesClientOptions { SerializerOptions = serializer });
await InstallCrdAsync(client, crdPath);
await client.For<Namespace>().CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = Ns } });

// The operator's client counts its writes (anything but GET) on the way to the transport the client builds itself.
var counter = new WriteCounter((HttpMessageHandler)typeof(KubernetesClient).Assembly
    .GetType("Modelship.Kubernetes.Client.KubernetesHttpHandlerFactory", throwOnError: true)!.GetMethod("Create")!.Invoke(null, [configuration])!);
using var operatorClient = new KubernetesClient(configuration, new KubernetesClientOptions { SerializerOptions = serializer }, counter);
using var stop = new CancellationTokenSource();
await using var informers = new SharedInformerFactory(operatorClient, new SharedInformerFactoryOptions { Namespace = Ns });
var context = new ControllerContext(operatorClient, informers, new EventRecorder(operatorClient), NullLoggerFactory.Instance, "bench", TimeSpan.FromSeconds(5));
var controller = ModelDeploymentController.Create(new ModelDeploymentBuildOptions(), new ConstantSignature(), workers: 4)(context);
informers.Start(stop.Token);
var run = controller.RunAsync(stop.Token);
await informers.WaitForCacheSyncAsync(stop.Token);

var mds = client.For<MD>();
var clock = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, objects), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
    await mds.CreateAsync(new MD
    {
        Metadata = new ObjectMeta { Name = $"m{i:0000}", Namespace = Ns },
        Spec = new ModelDeploymentSpec { Model = new ModelSpec { Uri = $"https://models.example.com/m{i}.onnx", Version = "v1" } },
    }, cancellationToken: ct));

// Play the kubelet until every ModelDeployment is Active: Deployments Available, one ready router Pod each that
// acknowledges the routing table's generation.
var kubelet = new Kubelet(client);
int active;
do
{
    await kubelet.StepAsync();
    active = (await mds.ListAsync(Ns)).Items.Count(m => m.Status?.Phase == ModelDeploymentPhase.Active);
}
while (active < objects && clock.Elapsed < TimeSpan.FromMinutes(5));
var readySeconds = clock.Elapsed.TotalSeconds;
await Task.Delay(TimeSpan.FromSeconds(3));
var writesWhenReady = counter.Count;
var rss = Process.GetCurrentProcess().WorkingSet64 / 1048576.0;

// Steady-state resync: touch every ModelDeployment (metadata only); each is reconciled and must write nothing.
await Parallel.ForEachAsync(Enumerable.Range(0, objects), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
    await mds.MergePatchAsync(Ns, $"m{i:0000}", JsonNode.Parse("""{"metadata":{"annotations":{"bench/resync":"1"}}}""")!, ct));
await Task.Delay(TimeSpan.FromSeconds(10));
var resyncWrites = counter.Count - writesWhenReady;

Console.WriteLine($"# {active}/{objects} ModelDeployments Active; controller in-process (4 workers), kubelet simulated in-process; RSS is the whole benchmark process");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BENCH modeldeployments_ready_{objects}_seconds {readySeconds:0.00} s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BENCH operator_rss_mib_{objects}_modeldeployments {rss:0.0} MiB"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BENCH api_writes_per_modeldeployment {(double)writesWhenReady / objects:0.00}"));
Console.WriteLine($"BENCH api_writes_steady_state_resync {resyncWrites}");
await stop.CancelAsync();
try
{
    await run;
}
catch (OperationCanceledException)
{
}
return active == objects && resyncWrites == 0 ? 0 : 1;

string? ArgValue(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static async Task InstallCrdAsync(KubernetesClient client, string path)
{
    var crd = YamlDocuments.Parse(await File.ReadAllTextAsync(path)).Single().Deserialize<CustomResourceDefinition>(KubernetesJson.Options)!;
    var crds = client.For<CustomResourceDefinition>();
    await crds.ApplyAsync(crd, new ApplyOptions { Force = true });
    for (var i = 0; i < 100; i++)
    {
        try
        {
            await client.For<GenericObject>(MD.Resource).ListAsync("default");
            return;
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            await Task.Delay(200);
        }
    }
    throw new InvalidOperationException("the ModelDeployment CRD did not become served");
}

internal sealed class WriteCounter(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get)
        {
            Interlocked.Increment(ref _count);
        }
        return base.SendAsync(request, cancellationToken);
    }
}

internal sealed class ConstantSignature : IModelMetadataSource
{
    public Task<ModelSignature?> GetSignatureAsync(string runtimeUrl, string modelName, CancellationToken cancellationToken) =>
        Task.FromResult<ModelSignature?>(new ModelSignature([], []));
}

/// <summary>What kubelet and the Deployment/ReplicaSet controllers would do, in bulk.</summary>
internal sealed class Kubelet(KubernetesClient client)
{
    private const string Ns = "bench";
    private readonly HashSet<string> _pods = [];
    private readonly Dictionary<string, long> _acked = [];

    public async Task StepAsync()
    {
        var deployments = (await client.For<Deployment>().ListAsync(Ns)).Items;
        await Parallel.ForEachAsync(deployments.Where(d => (d.Status?.ObservedGeneration ?? 0) < (d.Metadata.Generation ?? 0) || (d.Status?.AvailableReplicas ?? 0) < (d.Spec?.Replicas ?? 1)),
            new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (d, ct) =>
            {
                var n = d.Spec?.Replicas ?? 1;
                await client.For<Deployment>().MergePatchStatusAsync(Ns, d.Metadata.Name!, new JsonObject
                {
                    ["status"] = new JsonObject { ["observedGeneration"] = d.Metadata.Generation, ["replicas"] = n, ["updatedReplicas"] = n, ["readyReplicas"] = n, ["availableReplicas"] = n },
                }, ct);
            });
        var routers = deployments.Where(d => d.Metadata.Labels?.GetValueOrDefault(ChildMetadata.ComponentLabel) == ChildMetadata.RouterComponent && !_pods.Contains(d.Metadata.Name!)).ToList();
        await Parallel.ForEachAsync(routers, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (d, ct) =>
        {
            var pods = client.For<Pod>();
            await pods.CreateAsync(new Pod
            {
                Metadata = new ObjectMeta { Name = d.Metadata.Name + "-0", Namespace = Ns, Labels = d.Spec!.Template!.Metadata!.Labels, Annotations = d.Spec.Template.Metadata.Annotations },
                Spec = new PodSpec { Containers = [new Container { Name = "router", Image = "modelship" }] },
            }, cancellationToken: ct);
            await pods.MergePatchStatusAsync(Ns, d.Metadata.Name + "-0", JsonNode.Parse("""{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""")!, ct);
        });
        lock (_pods)
        {
            _pods.UnionWith(routers.Select(r => r.Metadata.Name!));
        }
        var tables = (await client.For<ConfigMap>().ListAsync(Ns)).Items
            .Select(c => (Owner: c.Metadata.OwnerReferences?.FirstOrDefault()?.Name, Table: RoutingConfigMapBuilder.TableOf(c)))
            .Where(t => t.Owner is not null && t.Table is not null && _pods.Contains(ChildNames.Router(t.Owner)) && _acked.GetValueOrDefault(t.Owner!) < t.Table!.Generation)
            .ToList();
        await Parallel.ForEachAsync(tables, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (t, ct) =>
            await client.For<Pod>().MergePatchAsync(Ns, ChildNames.Router(t.Owner!) + "-0", new JsonObject
            {
                ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RoutingTableConventions.ServedGenerationAnnotation] = t.Table!.Generation.ToString(CultureInfo.InvariantCulture) } },
            }, ct));
        foreach (var t in tables)
        {
            _acked[t.Owner!] = t.Table!.Generation;
        }
        await Task.Delay(200);
    }
}
