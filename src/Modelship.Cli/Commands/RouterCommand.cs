using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Logging;
using Modelship.Api.Routing;
using Modelship.Cli.Routing;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;
using Modelship.Serving;
using Modelship.Serving.Routing;
using KubernetesClientConfiguration = k8s.KubernetesClientConfiguration;

namespace Modelship.Cli.Commands;

/// <summary>`modelship router`: the V2 front of a ModelDeployment that splits, pins and mirrors traffic over its runtimes.</summary>
public static class RouterCommand
{
    public static Command Create()
    {
        var routingTable = new Option<string?>("--routing-table") { Description = "Local mode: routing table JSON file, followed for changes" };
        var routingConfigMap = new Option<string?>("--routing-configmap") { Description = $"Cluster mode: ConfigMap whose '{RoutingTableConventions.ConfigMapKey}' key holds the routing table" };
        var ns = new Option<string?>("--namespace") { Description = "Cluster mode: namespace of the ConfigMap and Pod (default: $POD_NAMESPACE, then the client's namespace)" };
        var podName = new Option<string?>("--pod-name") { Description = $"Cluster mode: this router's Pod, annotated with {RoutingTableConventions.ServedGenerationAnnotation} (default: $POD_NAME)" };
        var address = new Option<string>("--address") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one)", DefaultValueFactory = _ => 8080 };
        var timeout = new Option<double>("--timeout") { Description = "Seconds a backend has to answer before the caller gets 504", DefaultValueFactory = _ => 15 };
        var limits = new RequestLimitOptions();
        var grpcPort = new GrpcPortOption();
        var shadowQueue = new Option<int>("--shadow-queue") { Description = "Mirrored requests waiting for shadows before new ones are dropped", DefaultValueFactory = _ => 1024 };
        var logDir = new Option<string?>("--log-dir") { Description = "Directory of the inference log (inference.log and its rotations); without it nothing is logged, whatever the routing table asks" };
        var logMaxBytes = new Option<long>("--log-max-bytes") { Description = "Size at which inference.log is rotated", DefaultValueFactory = _ => 64L * 1024 * 1024 };
        var connectionClose = new Option<double?>("--connection-close-seconds")
        {
            Description = "On SIGTERM, answer with Connection: close for this long before stopping, so clients leave kept-alive connections cleanly (default: 3 in cluster mode, 0 in local mode)",
        };
        var monitoringDir = new Option<string?>("--monitoring-dir") { Description = "Directory where predictions wait for their actuals (the join store); default: 'actuals' under --log-dir" };
        var logMaxFiles = new Option<int>("--log-max-files") { Description = "Inference log files kept, the active one included", DefaultValueFactory = _ => 5 };

        var command = new Command("router", "Serve the Open Inference Protocol V2 in front of model runtimes: weighted, sticky and key splits, version pinning and shadows.")
        {
            routingTable, routingConfigMap, ns, podName, address, port, timeout, shadowQueue, logDir, logMaxBytes, logMaxFiles, connectionClose, monitoringDir,
        };
        limits.AddTo(command);
        var auth = new AuthTokenOptions();
        auth.AddTo(command);
        grpcPort.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!IPAddress.TryParse(parse.GetRequiredValue(address), out var listenAddress))
            {
                return await FailAsync($"--address '{parse.GetValue(address)}' is not an IP address").ConfigureAwait(false);
            }
            var seconds = parse.GetValue(timeout);
            if (seconds <= 0 || parse.GetValue(shadowQueue) <= 0 || parse.GetValue(port) is < 0 or > 65535)
            {
                return await FailAsync("--timeout and --shadow-queue must be positive and --port within 0-65535").ConfigureAwait(false);
            }
            var grpc = grpcPort.Read(parse, out var grpcProblem);
            if (grpcProblem is not null)
            {
                return await FailAsync(grpcProblem).ConfigureAwait(false);
            }
            var requestLimits = limits.Read(parse);
            if (requestLimits.Problem() is { } limitProblem)
            {
                return await FailAsync(limitProblem).ConfigureAwait(false);
            }
            if (parse.GetValue(logMaxBytes) <= 0 || parse.GetValue(logMaxFiles) <= 0)
            {
                return await FailAsync("--log-max-bytes and --log-max-files must be positive").ConfigureAwait(false);
            }
            var tablePath = parse.GetValue(routingTable);
            var configMap = parse.GetValue(routingConfigMap);
            if ((tablePath is null) == (configMap is null))
            {
                return await FailAsync("give exactly one of --routing-table (local mode) and --routing-configmap (cluster mode)").ConfigureAwait(false);
            }
            // In a cluster the Pod's preStop hook has already kept it serving while its endpoints went away; what is left
            // are clients' kept-alive connections, which the close period moves to the other routers.
            var closeSeconds = parse.GetValue(connectionClose) ?? (configMap is null ? 0 : 3);
            if (closeSeconds is < 0 or > 300)
            {
                return await FailAsync("--connection-close-seconds must be within 0-300").ConfigureAwait(false);
            }
            var options = new RouterOptions
            {
                ConnectionCloseTime = TimeSpan.FromSeconds(closeSeconds),
                Address = listenAddress,
                Port = parse.GetValue(port),
                GrpcPort = grpc,
                Timeout = TimeSpan.FromSeconds(seconds),
                Limits = requestLimits,
                ShadowQueueCapacity = parse.GetValue(shadowQueue),
                Auth = auth.Read(parse),
                MonitoringDirectory = parse.GetValue(monitoringDir),
                InferenceLog = new()
                {
                    Directory = parse.GetValue(logDir),
                    MaxFileBytes = parse.GetValue(logMaxBytes),
                    MaxFiles = parse.GetValue(logMaxFiles),
                },
            };
            if (tablePath is not null)
            {
                await using var localRouter = RouterHost.Create(options, loggers => new FileRoutingTableSource(tablePath, loggers.CreateLogger("Modelship.Router.Table")), ConfigureLogging);
                await localRouter.RunAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }

            KubernetesClientConfiguration configuration;
            try
            {
                configuration = KubernetesConfigLoader.LoadDefault();
            }
            catch (KubernetesConfigException e)
            {
                return await FailAsync(e.Message).ConfigureAwait(false);
            }
            var routerNamespace = parse.GetValue(ns) ?? Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? configuration.Namespace;
            var routerPod = parse.GetValue(podName) ?? Environment.GetEnvironmentVariable("POD_NAME");
            if (string.IsNullOrEmpty(routerNamespace) || string.IsNullOrEmpty(routerPod))
            {
                return await FailAsync("cluster mode needs the namespace and this Pod's name (--namespace/--pod-name or $POD_NAMESPACE/$POD_NAME from the downward API)").ConfigureAwait(false);
            }
            using var client = new KubernetesClient(configuration);
            await using var clusterRouter = RouterHost.Create(
                options,
                loggers => new ClusterRoutingTableSource(
                    new ConfigMapRoutingTableWatch(client, routerNamespace, configMap!, RoutingTableConventions.ConfigMapKey),
                    new PodAnnotationGenerationReporter(client, routerNamespace, routerPod),
                    loggers.CreateLogger("Modelship.Router.Table")),
                ConfigureLogging);
            await clusterRouter.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static void ConfigureLogging(ILoggingBuilder logging) => logging.AddSimpleConsole(console => console.SingleLine = true);

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync($"modelship router: {message}").ConfigureAwait(false);
        return 2;
    }
}
