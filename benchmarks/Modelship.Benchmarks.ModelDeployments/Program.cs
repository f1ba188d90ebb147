using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.Api.Routing;
using Modelship.Api.Serialization;
using Modelship.Api.V1Alpha1;
using Modelship.Benchmarks.ModelDeployments;
using Modelship.Benchmarks.Operator;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Yaml;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.TestCluster;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

// Usage: Modelship.Benchmarks.ModelDeployments --operator <modelship executable or .dll> [--crds crds]
//        [--objects 1000] [--log operator.log] [--runtime-env "K=V;K=V"]
var crdDirectory = ArgValue("--crds") ?? "crds";
var objects = int.Parse(ArgValue("--objects") ?? "1000", CultureInfo.InvariantCulture);
var operatorPath = ArgValue("--operator") ?? throw new ArgumentException("--operator <path to modelship> is required");
var logPath = ArgValue("--log") ?? Path.Combine(Path.GetTempPath(), "modelship-bench-modeldeployments-operator.log");
const string Ns = "bench";

// The runtime settings the operator runs with, as in the operator benchmark (and its Deployment): workstation GC
// without the background GC thread, a 4 MiB gen0 budget (hex). --runtime-env "K=V;K=V" replaces them.
const string DefaultRuntimeEnvironment = "DOTNET_gcServer=0;DOTNET_gcConcurrent=0;DOTNET_GCgen0size=400000";
var operatorEnvironment = (ArgValue("--runtime-env") ?? DefaultRuntimeEnvironment)
    .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
    .Select(pair => pair.Split('=', 2))
    .ToDictionary(pair => pair[0], pair => pair[1]);

await using var cluster = await TestCluster.StartAsync();
var configuration = KubeconfigLoader.LoadFile(cluster.KubeconfigPath);
using var client = new KubernetesClient(configuration, new KubernetesClientOptions { SerializerOptions = ModelshipApiJsonContext.KubernetesClientOptions });
await InstallCrdsAsync(client, crdDirectory);
await client.For<V1Namespace>().CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Ns } });
var calibration = await ApiServerCalibration.CreateAndUpdateAsync(client, "calibration", objects, concurrency: 32);

// The operator as its own process, the real controllers (no --test-echo-controller), watching only the benchmark's
// namespace. Leader election is off: a leader renews its Lease every 2 s, writes that are not the controller's.
var port = FreeTcpPort();
await using var operatorProcess = OperatorProcess.Start(
    operatorPath,
    [
        "operator", "--kubeconfig", cluster.KubeconfigPath,
        "--metrics-address", $"127.0.0.1:{port}", "--health-address", $"127.0.0.1:{port}",
        "--watch-namespace", Ns, "--leader-elect", "false",
    ],
    operatorEnvironment,
    logPath);

using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
var metricsUri = new Uri($"http://127.0.0.1:{port}/metrics");
var scraper = new MetricsScraper(http, metricsUri);
var metrics = new MetricsText(http, metricsUri);
string[] reconcileSuccess = [$"controller=\"{ModelDeploymentController.Name}\"", "result=\"success\""];
await WaitAsync(
    async () => await ReadyAsync() && await scraper.ValueAsync("modelship_reconcile_total", reconcileSuccess) is not null,
    TimeSpan.FromSeconds(90),
    "the operator to sync its caches and run the ModelDeployment controller");
var rssIdle = operatorProcess.ResidentMebibytes();
var writesBefore = await WritesAsync();

var mds = client.For<MD>();
var clock = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, objects), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
    await mds.CreateAsync(new MD
    {
        Metadata = new V1ObjectMeta { Name = $"m{i:0000}", NamespaceProperty = Ns },
        Spec = new ModelDeploymentSpec { Model = new ModelSpec { Uri = $"https://models.example.com/m{i}.onnx", Version = "v1" } },
    }, cancellationToken: ct));
var created = clock.Elapsed;

// Play the kubelet until every ModelDeployment is Active: Deployments Available, one ready router Pod each that
// acknowledges the routing table's generation.
var kubelet = new Kubelet(client);
int active;
do
{
    OperatorAlive();
    await kubelet.StepAsync();
    active = (await mds.ListAsync(Ns)).Items.Count(m => m.Status?.Phase == ModelDeploymentPhase.Active);
}
while (active < objects && clock.Elapsed < TimeSpan.FromMinutes(5));
var readySeconds = clock.Elapsed.TotalSeconds;

// Let the burst settle (and its garbage be collected) before reading RSS with every object cached.
await Task.Delay(TimeSpan.FromSeconds(3));
var rss = operatorProcess.ResidentMebibytes();
var rssAnonymous = operatorProcess.StatusMebibytes("RssAnon");
var rssFile = operatorProcess.StatusMebibytes("RssFile");
var rssShared = operatorProcess.StatusMebibytes("RssShmem");
var writesWhenReady = await WritesAsync();
var writesByMethod = (await metrics.SeriesAsync(KubernetesClientMetrics.RequestsName))
    .Where(s => s.Labels.GetValueOrDefault("method") != "GET" && s.Value > 0)
    .GroupBy(s => $"{s.Labels.GetValueOrDefault("method")} {s.Labels.GetValueOrDefault("code")}")
    .Select(g => $"{g.Key}: {g.Sum(s => s.Value):0}")
    .Order(StringComparer.Ordinal);

// Steady-state resync: touch every ModelDeployment (metadata only); each is reconciled and must write nothing.
var reconcilesBefore = await ReconcilesAsync();
await Parallel.ForEachAsync(Enumerable.Range(0, objects), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
    await mds.MergePatchAsync(Ns, $"m{i:0000}", JsonNode.Parse("""{"metadata":{"annotations":{"bench/resync":"1"}}}""")!, ct));
try
{
    await WaitAsync(async () => await ReconcilesAsync() - reconcilesBefore >= objects, TimeSpan.FromSeconds(120), $"{objects} reconciles after the touch");
}
catch (TimeoutException e)
{
    Console.Error.WriteLine(e.Message);
}
await Task.Delay(TimeSpan.FromSeconds(3));
var resyncReconciles = await ReconcilesAsync() - reconcilesBefore;
var resyncWrites = await WritesAsync() - writesWhenReady;
var rssAfterResync = operatorProcess.ResidentMebibytes();

var exitCode = await operatorProcess.StopAsync(TimeSpan.FromSeconds(30));

var writesPerModelDeployment = (writesWhenReady - writesBefore) / objects;
Console.WriteLine($"# operator: {operatorPath} (separate process, real controllers, leader election off, --watch-namespace {Ns}); " +
    $"runtime env: {string.Join(' ', operatorEnvironment.Select(e => $"{e.Key}={e.Value}"))}");
Console.WriteLine(FormattableString.Invariant(
    $"# {active}/{objects} ModelDeployments Active; created in {created.TotalSeconds:F2} s (32 concurrent creates); kubelet simulated by the benchmark process; operator idle RSS {rssIdle:F1} MiB; RSS {rss:F1} MiB = {rssAnonymous:F1} anonymous + {rssFile:F1} file-backed + {rssShared:F1} shared (RssShmem: the JIT's double-mapped code); RSS after the resync {rssAfterResync:F1} MiB; operator exit code {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "killed"}"));
Console.WriteLine($"# operator writes until Active (from {KubernetesClientMetrics.RequestsName}, method != GET): {writesWhenReady - writesBefore:0}; by method and code since start: {string.Join(", ", writesByMethod)}");
Console.WriteLine(FormattableString.Invariant($"# steady-state resync: {objects} ModelDeployments touched (metadata only), {resyncReconciles:0} reconciles, {resyncWrites:0} writes"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BENCH modeldeployments_ready_{objects}_seconds {readySeconds:0.00} s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BENCH apiserver_calibration_{objects}_configmaps_create_update_seconds {calibration.TotalSeconds:0.00} s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BENCH modeldeployments_ready_{objects}_vs_calibration_ratio {readySeconds / calibration.TotalSeconds:0.00}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BENCH operator_rss_mib_{objects}_modeldeployments {rss:0.0} MiB"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BENCH api_writes_per_modeldeployment {writesPerModelDeployment:0.00}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BENCH api_writes_steady_state_resync {resyncWrites:0}"));
return active == objects && resyncWrites == 0 && exitCode == 0 ? 0 : 1;

async Task<double> WritesAsync() =>
    await metrics.SumAsync(KubernetesClientMetrics.RequestsName, labels => labels.GetValueOrDefault("method") != "GET");

async Task<double> ReconcilesAsync() =>
    await metrics.SumAsync("modelship_reconcile_total", labels => labels.GetValueOrDefault("controller") == ModelDeploymentController.Name);

async Task<bool> ReadyAsync()
{
    try
    {
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/readyz"));
        return response.StatusCode == HttpStatusCode.OK;
    }
    catch (HttpRequestException)
    {
        return false;
    }
}

async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
{
    var deadline = Stopwatch.StartNew();
    while (!await condition())
    {
        OperatorAlive();
        if (deadline.Elapsed > timeout)
        {
            throw new TimeoutException($"waited {timeout.TotalSeconds} s for {what}; operator log {logPath}:\n{LogTail()}");
        }

        await Task.Delay(50);
    }
}

// A dead operator (crashed, out of memory) fails the run at once, with the end of its log.
void OperatorAlive()
{
    if (!Directory.Exists($"/proc/{operatorProcess.Id}"))
    {
        throw new InvalidOperationException($"the operator (pid {operatorProcess.Id}) exited; operator log {logPath}:\n{LogTail()}");
    }
}

string LogTail() => File.Exists(logPath) ? string.Join('\n', File.ReadLines(logPath).TakeLast(40)) : "(no log)";

string? ArgValue(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static int FreeTcpPort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

/// <summary>Every CRD of the directory (the operator runs the controller of each kind and waits for all caches).</summary>
static async Task InstallCrdsAsync(KubernetesClient client, string directory)
{
    var crds = client.For<CustomResourceDefinition>();
    foreach (var path in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
    {
        var crd = YamlDocuments.Parse(await File.ReadAllTextAsync(path)).Single().Deserialize<CustomResourceDefinition>(KubernetesJsonOptions.Default)!;
        await crds.ApplyAsync(crd, new ApplyOptions { Force = true });
        for (var i = 0; ; i++)
        {
            var live = await crds.GetAsync(null, crd.Metadata.Name!);
            if (live.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true)
            {
                break;
            }

            if (i == 100)
            {
                throw new InvalidOperationException($"the CRD {crd.Metadata.Name} did not become Established");
            }

            await Task.Delay(200);
        }
    }
}

/// <summary>What kubelet and the Deployment/ReplicaSet controllers would do, in bulk.</summary>
internal sealed class Kubelet(KubernetesClient client)
{
    private const string Ns = "bench";
    private readonly HashSet<string> _pods = [];
    private readonly Dictionary<string, long> _acked = [];

    public async Task StepAsync()
    {
        var deployments = (await client.For<V1Deployment>().ListAsync(Ns)).Items;
        await Parallel.ForEachAsync(deployments.Where(d => (d.Status?.ObservedGeneration ?? 0) < (d.Metadata.Generation ?? 0) || (d.Status?.AvailableReplicas ?? 0) < (d.Spec?.Replicas ?? 1)),
            new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (d, ct) =>
            {
                var n = d.Spec?.Replicas ?? 1;
                await client.For<V1Deployment>().MergePatchStatusAsync(Ns, d.Metadata.Name!, new JsonObject
                {
                    ["status"] = new JsonObject { ["observedGeneration"] = d.Metadata.Generation, ["replicas"] = n, ["updatedReplicas"] = n, ["readyReplicas"] = n, ["availableReplicas"] = n },
                }, ct);
            });
        var routers = deployments.Where(d => d.Metadata.Label(ChildMetadata.ComponentLabel) == ChildMetadata.RouterComponent && !_pods.Contains(d.Metadata.Name!)).ToList();
        await Parallel.ForEachAsync(routers, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (d, ct) =>
        {
            var pods = client.For<V1Pod>();
            await pods.CreateAsync(new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = d.Metadata.Name + "-0", NamespaceProperty = Ns, Labels = d.Spec!.Template!.Metadata!.Labels, Annotations = d.Spec.Template.Metadata.Annotations },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "router", Image = "modelship" }] },
            }, cancellationToken: ct);
            await pods.MergePatchStatusAsync(Ns, d.Metadata.Name + "-0", JsonNode.Parse("""{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""")!, ct);
        });
        _pods.UnionWith(routers.Select(r => r.Metadata.Name!));
        var tables = (await client.For<V1ConfigMap>().ListAsync(Ns)).Items
            .Select(c => (Owner: c.Metadata.OwnerReferences?.FirstOrDefault()?.Name, Table: RoutingConfigMapBuilder.TableOf(c)))
            .Where(t => t.Owner is not null && t.Table is not null && _pods.Contains(ChildNames.Router(t.Owner)) && _acked.GetValueOrDefault(t.Owner!) < t.Table!.Generation)
            .ToList();
        await Parallel.ForEachAsync(tables, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (t, ct) =>
            await client.For<V1Pod>().MergePatchAsync(Ns, ChildNames.Router(t.Owner!) + "-0", new JsonObject
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
