using Modelship.Kubernetes.Controllers;

namespace Modelship.Operator.Hosting;

/// <summary>The controllers <c>modelship operator</c> runs. Each kind's controller adds its factory here.</summary>
public static class OperatorControllers
{
    public static IReadOnlyList<Func<ControllerContext, Controller>> All { get; } = [];
}
