using Modelship.Kubernetes.Controllers;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;

namespace Modelship.Operator.Hosting;

/// <summary>The controllers <c>modelship operator</c> runs. Each kind's controller adds its factory here.</summary>
public static class OperatorControllers
{
    // One client for the replacement checks' metadata requests, shared by every reconcile.
    private static readonly HttpClient MetadataHttp = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static IReadOnlyList<Func<ControllerContext, Controller>> For(OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            ModelDeploymentController.Create(
                new ModelDeploymentBuildOptions { Image = options.Image },
                new HttpModelMetadataSource(MetadataHttp)),
        ];
    }
}
