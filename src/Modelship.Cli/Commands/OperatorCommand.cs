using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Logging;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Controllers;
using Modelship.Operator.Diagnostics;
using Modelship.Operator.Hosting;
using KubernetesClientConfiguration = k8s.KubernetesClientConfiguration;

namespace Modelship.Cli.Commands;

/// <summary>`modelship operator`: the controller manager (leader-elected, with /healthz, /readyz and /metrics).</summary>
public static class OperatorCommand
{
    /// <summary>Where config/manager and the chart put the operator's own image (a Pod cannot read it otherwise).</summary>
    public const string ImageVariable = "MODELSHIP_IMAGE";

    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Kubeconfig file; default: $KUBECONFIG, in-cluster, then ~/.kube/config" };
        var metricsAddress = new Option<string>("--metrics-address") { Description = "host:port serving /metrics", DefaultValueFactory = _ => "0.0.0.0:8080" };
        var healthAddress = new Option<string>("--health-address") { Description = "host:port serving /healthz and /readyz", DefaultValueFactory = _ => "0.0.0.0:8081" };
        var leaderElect = new Option<bool>("--leader-elect") { Description = "Reconcile only while holding the leader Lease", DefaultValueFactory = _ => true };
        var leaseNamespace = new Option<string?>("--lease-namespace") { Description = "Namespace of the Lease; default: the pod's or kubeconfig's namespace" };
        var leaseName = new Option<string>("--lease-name") { Description = "Name of the Lease", DefaultValueFactory = _ => "modelship-operator" };
        var identity = new Option<string>("--identity") { Description = "Leader identity; default: hostname plus a random suffix", DefaultValueFactory = _ => OperatorOptions.DefaultIdentity() };
        var leaseDuration = new Option<double>("--lease-duration-seconds") { Description = "Lease duration", DefaultValueFactory = _ => 15 };
        var renewDeadline = new Option<double>("--renew-deadline-seconds") { Description = "Give up leadership when not renewed for this long", DefaultValueFactory = _ => 10 };
        var retryPeriod = new Option<double>("--retry-period-seconds") { Description = "Pause between acquire/renew attempts", DefaultValueFactory = _ => 2 };
        var watchNamespaces = new Option<string[]>("--watch-namespaces", "--watch-namespace")
        {
            Description = "Watch only these namespaces (comma-separated or repeated; a namespaced install with Roles); default: all",
            AllowMultipleArgumentsPerToken = false,
        };
        var routerClusterRole = new Option<string>("--router-cluster-role")
        {
            Description = "The ClusterRole bound to each router's ServiceAccount (installed by the chart or config/rbac)",
            DefaultValueFactory = _ => OperatorOptions.DefaultRouterClusterRole,
        };
        var logLevel = new Option<LogLevel>("--log-level") { Description = "Trace, Debug, Information, Warning, Error or Critical", DefaultValueFactory = _ => LogLevel.Information };
        var syncPeriod = new Option<string>("--sync-period")
        {
            Description = "How often every watched object is reconciled even when nothing changed (a safety net, like controller-runtime's SyncPeriod), e.g. 10h or 30m; 0 turns it off",
            DefaultValueFactory = _ => "10h",
        };
        var shutdownTimeout = new Option<double>("--shutdown-timeout-seconds") { Description = "How long in-flight reconciles may finish on stop", DefaultValueFactory = _ => 30 };
        var echoController = new Option<ConfigMapEchoMode?>("--test-echo-controller")
        {
            Description = "Also run the ConfigMap echo controller (tests and benchmarks): Noop or Annotate",
            Hidden = true,
        };
        var image = new Option<string>("--image")
        {
            Description = $"The modelship image for model servers, routers and fetch init containers; default: ${ImageVariable}, else {OperatorOptions.DefaultImage}",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ImageVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : OperatorOptions.DefaultImage,
        };
        var routerReplicas = new Option<int>("--router-replicas")
        {
            Description = "Router pods per ModelDeployment; two or more keep serving while a router pod is replaced",
            DefaultValueFactory = _ => 1,
        };
        var echoWorkers = new Option<int>("--test-echo-workers") { Description = "Workers of the echo controller", DefaultValueFactory = _ => 1, Hidden = true };

        var command = new Command("operator", "Run the Modelship operator: informers, leader election and the controllers.")
        {
            kubeconfig, metricsAddress, healthAddress, leaderElect, leaseNamespace, leaseName, identity,
            leaseDuration, renewDeadline, retryPeriod, watchNamespaces, routerClusterRole, logLevel, syncPeriod, shutdownTimeout, image, routerReplicas, echoController, echoWorkers,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            KubernetesClientConfiguration configuration;
            OperatorOptions options;
            try
            {
                configuration = parse.GetValue(kubeconfig) is { Length: > 0 } path
                    ? KubeconfigLoader.LoadFile(path)
                    : KubernetesConfigLoader.LoadDefault();
                options = new OperatorOptions
                {
                    MetricsEndpoint = ParseEndpoint(parse.GetRequiredValue(metricsAddress), "--metrics-address"),
                    HealthEndpoint = ParseEndpoint(parse.GetRequiredValue(healthAddress), "--health-address"),
                    LeaderElection = parse.GetValue(leaderElect),
                    LeaseNamespace = parse.GetValue(leaseNamespace),
                    LeaseName = parse.GetRequiredValue(leaseName),
                    Identity = parse.GetRequiredValue(identity),
                    LeaseDuration = TimeSpan.FromSeconds(parse.GetValue(leaseDuration)),
                    RenewDeadline = TimeSpan.FromSeconds(parse.GetValue(renewDeadline)),
                    RetryPeriod = TimeSpan.FromSeconds(parse.GetValue(retryPeriod)),
                    WatchNamespaces = NamespaceList(parse.GetValue(watchNamespaces)),
                    RouterClusterRole = parse.GetRequiredValue(routerClusterRole),
                    SyncPeriod = SyncPeriod(parse.GetRequiredValue(syncPeriod)),
                    ShutdownTimeout = TimeSpan.FromSeconds(parse.GetValue(shutdownTimeout)),
                    Image = parse.GetRequiredValue(image),
                    RouterReplicas = parse.GetValue(routerReplicas) is >= 1 and var replicas
                        ? replicas
                        : throw new FormatException($"--router-replicas {parse.GetValue(routerReplicas)} is less than 1"),
                };
            }
            catch (Exception e) when (e is KubernetesConfigException or FormatException or IOException)
            {
                await Console.Error.WriteLineAsync($"modelship operator: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            // The echo test controller runs alone: its benchmarks and tests run without the modelship.dev CRDs.
            List<Func<ControllerContext, Controller>> controllers = parse.GetValue(echoController) is { } mode
                ? [ConfigMapEchoController.Create(mode, parse.GetValue(echoWorkers))]
                : [.. OperatorControllers.For(options)];

            await using var host = new OperatorHost(configuration, options, controllers, logging => logging
                .AddSimpleConsole(console =>
                {
                    console.SingleLine = true;
                    console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                    console.UseUtcTimestamp = true;
                })
                .SetMinimumLevel(parse.GetValue(logLevel))
                .AddFilter("Microsoft", LogLevel.Warning));
            return await host.RunAsync(cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Namespaces from repeated and comma-separated values, deduplicated; each must be a DNS label.</summary>
    internal static IReadOnlyList<string> NamespaceList(IEnumerable<string>? values)
    {
        var namespaces = (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal).ToList();
        var invalid = namespaces.FirstOrDefault(ns => !Api.Validation.DnsNames.IsLabel(ns));
        return invalid is null
            ? namespaces
            : throw new FormatException($"--watch-namespaces: '{invalid}' is not a namespace name (a DNS label: lower-case letters, digits and '-', at most 63 characters)");
    }

    /// <summary>A Go-style duration (<c>10h</c>, <c>1h30m</c>), or <c>0</c>: no resync.</summary>
    internal static TimeSpan? SyncPeriod(string value)
    {
        if (value is "0" or "0s")
        {
            return null;
        }
        return Api.Validation.DurationParser.TryParse(value, out var period) && period > TimeSpan.Zero
            ? period
            : throw new FormatException($"--sync-period '{value}' is not a duration (e.g. 10h, 30m or 1h30m; 0 turns the resync off)");
    }

    /// <summary><c>host:port</c>, <c>[v6]:port</c> or <c>:port</c> (all interfaces).</summary>
    private static IPEndPoint ParseEndpoint(string value, string option)
    {
        if (value.StartsWith(':') && int.TryParse(value.AsSpan(1), out var port))
        {
            return new IPEndPoint(IPAddress.Any, port);
        }

        return IPEndPoint.TryParse(value, out var endpoint) && value.Contains(':')
            ? endpoint
            : throw new FormatException($"{option} '{value}' is not host:port (e.g. 0.0.0.0:8080 or 127.0.0.1:0)");
    }
}
