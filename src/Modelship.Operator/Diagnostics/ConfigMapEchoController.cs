using k8s.Models;
using Microsoft.Extensions.Logging;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Hosting;

namespace Modelship.Operator.Diagnostics;

/// <summary>
/// A controller for testing the runtime end to end (integration tests, <c>benchmarks/operator.sh</c>), never part of
/// a real deployment: it reconciles ConfigMaps labelled <c>modelship.dev/echo=true</c>. In
/// <see cref="ConfigMapEchoMode.Annotate"/> mode it records which version it saw and who reconciled it, so a test can
/// check from outside that every object converged and which replica did the work.
/// </summary>
public static class ConfigMapEchoController
{
    public const string Name = "configmap-echo";
    public const string SelectorLabel = "modelship.dev/echo";
    public const string VersionKey = "version";
    public const string ObservedVersionAnnotation = "modelship.dev/echo-observed-version";
    public const string ReconciledByAnnotation = "modelship.dev/echo-reconciled-by";

    public static Func<ControllerContext, Controller> Create(ConfigMapEchoMode mode, int workers = 1) => context =>
    {
        var informer = context.Informers.For<V1ConfigMap>();
        var reconciler = new ConfigMapEchoReconciler(mode, informer.Cache, context.Client.For<V1ConfigMap>(), context.Identity);
        return ControllerBuilder.For<V1ConfigMap>()
            .Named(Name)
            .WithPredicate(ChangePredicate.ResourceVersionChanged)
            .WithMaxConcurrentReconciles(workers)
            .WithShutdownTimeout(context.ShutdownTimeout)
            .Build(context.Informers, reconciler, context.LoggerFactory);
    };
}
