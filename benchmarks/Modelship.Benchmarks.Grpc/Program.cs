using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Grpc.Net.Client;
using Modelship.Serving.Grpc.V2;

// Usage: Modelship.Benchmarks.Grpc --target NAME=rest:URL|grpc:HOST:PORT ... [--seconds 5] [--rounds 2] [--connections 16]
// Each round, every target is measured in turn: latency with one caller, then throughput with --connections callers,
// each for --seconds after a one-second warm-up. Prints "BENCH <target>_p50_ms|_p99_ms|_rps <value> <unit>".
var targets = new List<(string Name, Func<Task> Call)>();
double seconds = 5;
var rounds = 2;
var connections = 16;
var body = """{"inputs":[{"name":"input","datatype":"FP32","shape":[1,4],"data":[5.9,3.0,5.1,1.8]}]}"""u8.ToArray();
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { Timeout = TimeSpan.FromSeconds(30) };
var channels = new List<GrpcChannel>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--seconds": seconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--connections": connections = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--target":
            var (name, address) = (args[++i].Split('=', 2)[0], args[i].Split('=', 2)[1]);
            if (address.StartsWith("rest:", StringComparison.Ordinal))
            {
                var url = new Uri(address["rest:".Length..]);
                targets.Add((name, async () =>
                {
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    using var response = await http.PostAsync(url, content);
                    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{name}: HTTP {(int)response.StatusCode}");
                    await response.Content.ReadAsByteArrayAsync();
                }
                ));
            }
            else
            {
                var channel = GrpcChannel.ForAddress($"http://{address["grpc:".Length..]}", new GrpcChannelOptions
                {
                    HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
                });
                channels.Add(channel);
                var client = new GRPCInferenceService.GRPCInferenceServiceClient(channel);
                var request = new ModelInferRequest { ModelName = "iris" };
                var input = new ModelInferRequest.Types.InferInputTensor { Name = "input", Datatype = "FP32" };
                input.Shape.Add([1, 4]);
                input.Contents = new InferTensorContents();
                input.Contents.Fp32Contents.Add([5.9f, 3.0f, 5.1f, 1.8f]);
                request.Inputs.Add(input);
                targets.Add((name, async () => await client.ModelInferAsync(request)));
            }

            break;
        default: throw new ArgumentException($"unknown argument {args[i]}");
    }
}

var latencies = targets.ToDictionary(t => t.Name, _ => new List<double>());
var completed = targets.ToDictionary(t => t.Name, _ => (Requests: 0L, Seconds: 0.0));
for (var round = 0; round < rounds; round++)
{
    foreach (var (name, call) in targets)
    {
        await RunAsync(call, 1, TimeSpan.FromSeconds(1), null);
        await RunAsync(call, 1, TimeSpan.FromSeconds(seconds), latencies[name]);
        await RunAsync(call, connections, TimeSpan.FromSeconds(1), null);
        var (requests, elapsed) = await RunAsync(call, connections, TimeSpan.FromSeconds(seconds), null);
        completed[name] = (completed[name].Requests + requests, completed[name].Seconds + elapsed);
    }
}

foreach (var (name, _) in targets)
{
    var sorted = latencies[name].Order().ToArray();
    Console.WriteLine(FormattableString.Invariant($"BENCH {name}_p50_ms {sorted[sorted.Length / 2]:F3} ms"));
    Console.WriteLine(FormattableString.Invariant($"BENCH {name}_p99_ms {sorted[(int)(sorted.Length * 0.99)]:F3} ms"));
    Console.WriteLine(FormattableString.Invariant($"BENCH {name}_rps {completed[name].Requests / completed[name].Seconds:F0} requests/s ({connections} concurrent callers)"));
}

foreach (var channel in channels) channel.Dispose();

static async Task<(long Requests, double Seconds)> RunAsync(Func<Task> call, int callers, TimeSpan duration, List<double>? latencies)
{
    var started = Stopwatch.GetTimestamp();
    var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    long requests = 0;
    var workers = Enumerable.Range(0, callers).Select(async _ =>
    {
        var mine = new List<double>();
        while (Stopwatch.GetTimestamp() < end)
        {
            var sent = Stopwatch.GetTimestamp();
            await call();
            mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            Interlocked.Increment(ref requests);
        }

        return mine;
    }).ToArray();
    var all = await Task.WhenAll(workers);
    if (latencies is not null) foreach (var list in all) latencies.AddRange(list);
    return (requests, Stopwatch.GetElapsedTime(started).TotalSeconds);
}
