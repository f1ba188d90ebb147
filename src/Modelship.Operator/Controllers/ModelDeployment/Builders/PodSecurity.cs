using k8s.Models;
using Modelship.Kubernetes.Models;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>Pod Security Standards "restricted" settings for every pod and container the operator creates.</summary>
public static class PodSecurity
{
    /// <summary>The non-root user of the modelship image.</summary>
    public const long ModelshipUser = 65532;

    public static V1PodSecurityContext Pod() => new()
    {
        RunAsNonRoot = true,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <param name="runAsUser">The image's numeric user when known, so the kubelet can verify runAsNonRoot.</param>
    public static V1SecurityContext Container(long? runAsUser) => new()
    {
        RunAsNonRoot = true,
        RunAsUser = runAsUser,
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };
}
