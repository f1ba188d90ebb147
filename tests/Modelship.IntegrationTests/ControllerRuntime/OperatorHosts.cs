using System.Net;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Hosting;

namespace Modelship.IntegrationTests.ControllerRuntime;

/// <summary>Operator hosts for tests: short lease timings, a namespace of their own, a recording ConfigMap controller.</summary>
internal static class OperatorHosts
{
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan RenewDeadline = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(0.5);

    public static OperatorHost Create(
        TestCluster.TestCluster cluster, string ns, string identity, ReconcileLog log, bool leaderElection = true) =>
        new(
            KubeconfigLoader.LoadFile(cluster.KubeconfigPath),
            new OperatorOptions
            {
                MetricsEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
                HealthEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
                LeaderElection = leaderElection,
                LeaseNamespace = ns,
                LeaseName = "it-operator",
                Identity = identity,
                LeaseDuration = LeaseDuration,
                RenewDeadline = RenewDeadline,
                RetryPeriod = RetryPeriod,
                WatchNamespaces = [ns],
                ShutdownTimeout = TimeSpan.FromSeconds(5),
            },
            [RecordingController(log)],
            logging => logging.SetMinimumLevel(LogLevel.Warning));

    private static Func<ControllerContext, Controller> RecordingController(ReconcileLog log) => context =>
        ControllerBuilder.For<V1ConfigMap>()
            .Named("it-recording")
            .WithShutdownTimeout(context.ShutdownTimeout)
            .Build(context.Informers, log.Reconciler(context.Informers.For<V1ConfigMap>().Cache, context.Identity), context.LoggerFactory);
}
