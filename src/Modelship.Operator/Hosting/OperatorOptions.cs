using System.Net;

namespace Modelship.Operator.Hosting;

public sealed class OperatorOptions
{
    /// <summary>Serves <c>/metrics</c> (and the probes too).</summary>
    public IPEndPoint MetricsEndpoint { get; init; } = new(IPAddress.Any, 8080);

    /// <summary>Serves <c>/healthz</c> and <c>/readyz</c> (and metrics too); the same as <see cref="MetricsEndpoint"/> means one listener.</summary>
    public IPEndPoint HealthEndpoint { get; init; } = new(IPAddress.Any, 8081);

    /// <summary>Run controllers only while holding the lease. Off: run them at once (a single replica).</summary>
    public bool LeaderElection { get; init; } = true;

    /// <summary>Namespace of the Lease; the client's namespace (in-cluster: the pod's) when null.</summary>
    public string? LeaseNamespace { get; init; }

    public string LeaseName { get; init; } = "modelship-operator";

    public string Identity { get; init; } = DefaultIdentity();

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Watch only these namespaces (a namespaced install, with Roles instead of ClusterRoles); all when empty.</summary>
    public IReadOnlyList<string> WatchNamespaces { get; init; } = [];

    /// <summary>The ClusterRole each router's RoleBinding refers to (installed by the chart or config/rbac).</summary>
    public string RouterClusterRole { get; init; } = DefaultRouterClusterRole;

    /// <summary>On stop, how long in-flight reconciles may run before they are cancelled.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often every watched object is reconciled even when nothing changed (controller-runtime's SyncPeriod): a
    /// safety net, not how changes are noticed (watches do that). A resync of an object in its desired state writes
    /// nothing. Null: never.
    /// </summary>
    public TimeSpan? SyncPeriod { get; init; } = DefaultSyncPeriod;

    public static readonly TimeSpan DefaultSyncPeriod = TimeSpan.FromHours(10);

    /// <summary>Hand the lease back on a graceful stop, so a successor need not wait for it to expire.</summary>
    public bool ReleaseLeaseOnStop { get; init; } = true;

    /// <summary>The <c>modelship</c> image the operator runs runtimes, routers and fetch init containers with.</summary>
    public string Image { get; init; } = DefaultImage;

    /// <summary>Router pods per ModelDeployment. Two or more keep serving while one router pod is replaced.</summary>
    public int RouterReplicas { get; init; } = 1;

    public const string DefaultImage = Controllers.ModelDeployment.Builders.ModelDeploymentBuildOptions.DefaultImage;

    public const string DefaultRouterClusterRole = Controllers.ModelDeployment.Builders.ModelDeploymentBuildOptions.DefaultRouterClusterRole;

    /// <summary>The host name plus a random suffix, so two processes on one host never share an identity.</summary>
    public static string DefaultIdentity() => $"{Environment.MachineName.ToLowerInvariant()}_{Guid.NewGuid().ToString("N")[..8]}";
}
