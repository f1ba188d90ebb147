using System.Diagnostics.Metrics;

namespace Modelship.Kubernetes.Controllers;

/// <summary>The one meter of the controller runtime (queues, controllers, leader election).</summary>
public static class ControllerMeter
{
    public const string Name = "Modelship.Controller";

    public static Meter Meter { get; } = new(Name);
}
