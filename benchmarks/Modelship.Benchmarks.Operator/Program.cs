using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using k8s.Models;
using Modelship.Benchmarks.Operator;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Models;
using Modelship.TestCluster;

// Usage: Modelship.Benchmarks.Operator --operator <modelship executable or .dll> [--objects 1000] [--workers 4]
//        [--create-concurrency 32] [--log operator.log] [--runtime-env "K=V;K=V"] [--hold-seconds 30] [--name-suffix _jit]
var arguments = ParseArguments(args);
var operatorPath = arguments.GetValueOrDefault("--operator") ?? throw new ArgumentException("--operator <path to modelship> is required");
var objects = int.Parse(arguments.GetValueOrDefault("--objects") ?? "1000", CultureInfo.InvariantCulture);
var workers = int.Parse(arguments.GetValueOrDefault("--workers") ?? "4", CultureInfo.InvariantCulture);
var createConcurrency = int.Parse(arguments.GetValueOrDefault("--create-concurrency") ?? "32", CultureInfo.InvariantCulture);
var logPath = arguments.GetValueOrDefault("--log") ?? Path.Combine(Path.GetTempPath(), "modelship-bench-operator.log");
// Appended to every BENCH name, e.g. "_jit" when the same run also measures the JIT-compiled operator for comparison.
var nameSuffix = arguments.GetValueOrDefault("--name-suffix") ?? "";

// The runtime settings the operator runs with (set the same env in its Deployment; the Native AOT runtime reads them
// too): workstation GC without the background GC thread and a 4 MiB gen0 budget (hex). Measured: they save 2-3 MiB;
// resident code and runtime data, not the GC heap, make up most of the RSS. --runtime-env "K=V;K=V" replaces them.
const string DefaultRuntimeEnvironment = "DOTNET_gcServer=0;DOTNET_gcConcurrent=0;DOTNET_GCgen0size=400000";
var operatorEnvironment = (arguments.GetValueOrDefault("--runtime-env") ?? DefaultRuntimeEnvironment)
    .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
    .Select(pair => pair.Split('=', 2))
    .ToDictionary(pair => pair[0], pair => pair[1]);

await using var cluster = await TestCluster.StartAsync();
var ns = await cluster.CreateNamespaceAsync("bench");
using var client = new KubernetesClient(KubeconfigLoader.LoadFile(cluster.KubeconfigPath));
var port = FreeTcpPort();
await using var operatorProcess = OperatorProcess.Start(
    operatorPath,
    [
        "operator", "--kubeconfig", cluster.KubeconfigPath,
        "--metrics-address", $"127.0.0.1:{port}", "--health-address", $"127.0.0.1:{port}",
        "--lease-namespace", ns, "--watch-namespace", ns,
        "--test-echo-controller", "Noop", "--test-echo-workers", workers.ToString(CultureInfo.InvariantCulture),
    ],
    operatorEnvironment,
    logPath);

using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
var metrics = new MetricsScraper(http, new Uri($"http://127.0.0.1:{port}/metrics"));
string[] successSeries = ["controller=\"configmap-echo\"", "result=\"success\""];
try
{
    await WaitAsync(async () => await metrics.ValueAsync("modelship_leader") == 1 && await metrics.ValueAsync("modelship_reconcile_total", successSeries) is not null,
        TimeSpan.FromSeconds(60), "the operator to lead and run the echo controller");
}
catch (TimeoutException)
{
    Console.Error.WriteLine(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics")));
    throw;
}
var baseline = await metrics.ValueAsync("modelship_reconcile_total", successSeries) ?? 0;
var rssIdle = operatorProcess.ResidentMebibytes();

var configMaps = client.For<V1ConfigMap>();
var clock = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, objects), new ParallelOptions { MaxDegreeOfParallelism = createConcurrency }, async (i, ct) =>
    await configMaps.CreateAsync(
        new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = $"bench-{i:D5}", NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["modelship.dev/echo"] = "true" } },
            Data = new Dictionary<string, string> { ["version"] = "1", ["payload"] = new string('x', 256) },
        },
        cancellationToken: ct));
var created = clock.Elapsed;
await WaitAsync(async () => await metrics.ValueAsync("modelship_reconcile_total", successSeries) - baseline >= objects,
    TimeSpan.FromSeconds(300), $"{objects} reconciles");
var reconciled = clock.Elapsed;

// Let the burst's garbage be collected before reading RSS with every object cached.
await Task.Delay(TimeSpan.FromSeconds(3));
var rss = operatorProcess.ResidentMebibytes();
var rssAnonymous = operatorProcess.StatusMebibytes("RssAnon");
var rssFile = operatorProcess.StatusMebibytes("RssFile");
var rssShared = operatorProcess.StatusMebibytes("RssShmem");
var rssByMapping = operatorProcess.ResidentMebibytesByMapping();
if (arguments.GetValueOrDefault("--hold-seconds") is { } hold)
{
    // Keeps the operator running for inspection (e.g. /proc/<pid>/smaps) before it is stopped.
    Console.WriteLine($"# holding operator pid {operatorProcess.Id} for {hold} s");
    await Task.Delay(TimeSpan.FromSeconds(double.Parse(hold, CultureInfo.InvariantCulture)));
}

var exitCode = await operatorProcess.StopAsync(TimeSpan.FromSeconds(30));

Console.WriteLine($"# operator runtime env: {string.Join(' ', operatorEnvironment.Select(e => $"{e.Key}={e.Value}"))}");
Console.WriteLine($"# {objects} ConfigMaps created in {created.TotalSeconds:F2} s ({createConcurrency} concurrent creates); " +
    $"{workers} workers; idle RSS {rssIdle:F1} MiB; RSS {rss:F1} MiB = {rssAnonymous:F1} anonymous + {rssFile:F1} file-backed + {rssShared:F1} shared memory; operator exit code {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "killed"}; log {logPath}");
// The ten largest mappings of at least 0.5 MiB by name, then the sum of the rest.
var listedMappings = rssByMapping.Take(10).Where(m => m.Value >= 0.5).ToList();
var otherMappings = rssByMapping.Except(listedMappings).ToList();
Console.WriteLine("# RSS by mapping (MiB): " + string.Join(", ", listedMappings
    .Select(m => FormattableString.Invariant($"{m.Key} {m.Value:F1}"))
    .Append(FormattableString.Invariant($"{otherMappings.Count} others {otherMappings.Sum(m => m.Value):F1}"))));
Console.WriteLine(FormattableString.Invariant($"BENCH operator_reconcile_{objects}_seconds{nameSuffix} {reconciled.TotalSeconds:F2} s"));
Console.WriteLine(FormattableString.Invariant($"BENCH operator_reconciles_per_second{nameSuffix} {objects / reconciled.TotalSeconds:F0} 1/s"));
Console.WriteLine(FormattableString.Invariant($"BENCH operator_rss_mib_{objects}_objects{nameSuffix} {rss:F1} MiB"));
return exitCode == 0 ? 0 : 1;

static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
{
    var deadline = Stopwatch.StartNew();
    while (!await condition())
    {
        if (deadline.Elapsed > timeout)
        {
            throw new TimeoutException($"waited {timeout.TotalSeconds} s for {what}");
        }

        await Task.Delay(20);
    }
}

static int FreeTcpPort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static Dictionary<string, string> ParseArguments(string[] args)
{
    var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        parsed[args[i]] = args[i + 1];
    }

    return parsed;
}
