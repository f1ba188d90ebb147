using System.Globalization;
using k8s.Models;
using Modelship.Kubernetes.Models;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>
/// The preStop hook that keeps a terminating pod serving for a few seconds, so its Service endpoints are removed
/// before SIGTERM stops it (kubelet runs the hook first; Kubernetes 1.20 has no built-in sleep action).
/// </summary>
public static class PreStopDrain
{
    /// <summary>Where the Dockerfile puts modelship. Its image has no shell and no sleep binary: `modelship sleep` waits.</summary>
    public const string ModelshipExecutable = "/app/modelship";

    /// <summary>For containers running the modelship image (router, built-in runtime).</summary>
    public static V1Lifecycle ForModelshipImage(int seconds) => Exec([ModelshipExecutable, "sleep", Text(seconds)]);

    /// <summary>For a model server image of the user's choice (Triton, MLServer ...), which has a sleep binary.</summary>
    public static V1Lifecycle ForOtherImage(int seconds) => Exec(["sleep", Text(seconds)]);

    private static V1Lifecycle Exec(List<string> command) => new() { PreStop = new V1LifecycleHandler { Exec = new V1ExecAction { Command = command } } };

    private static string Text(int seconds) => seconds.ToString(CultureInfo.InvariantCulture);
}
