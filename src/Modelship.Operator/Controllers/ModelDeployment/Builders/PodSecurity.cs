using Modelship.Kubernetes.Models;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>Pod Security Standards "restricted" settings for every pod and container the operator creates.</summary>
public static class PodSecurity
{
    /// <summary>The non-root user of the modelship image.</summary>
    public const long ModelshipUser = 65532;

    public static PodSecurityContext Pod() => new()
    {
        RunAsNonRoot = true,
        SeccompProfile = new SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <param name="runAsUser">The image's numeric user when known, so the kubelet can verify runAsNonRoot.</param>
    public static SecurityContext Container(long? runAsUser) => new()
    {
        RunAsNonRoot = true,
        RunAsUser = runAsUser,
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        Capabilities = new Capabilities { Drop = ["ALL"] },
        SeccompProfile = new SeccompProfile { Type = "RuntimeDefault" },
    };
}
