using k8s.Models;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>
/// What a router Pod mounts for spec.auth: each token Secret as a read-only volume (one file per key), and the router
/// flags that name the directories. Whole-Secret volumes, never subPath: only those follow a Secret's changes, which
/// is how a rotated token reaches a running router. The router reads nothing through the API.
/// </summary>
public sealed record RouterAuthVolumes(AuthSpec? Auth)
{
    public const string TokenDirectory = "/etc/modelship/auth/tokens";
    public const string AdminTokenDirectory = "/etc/modelship/auth/admin-tokens";

    private const string TokenVolume = "auth-tokens";
    private const string AdminTokenVolume = "auth-admin-tokens";

    /// <summary>The router flags: <c>--auth-token-dir</c> and, with an admin Secret, <c>--admin-token-dir</c>.</summary>
    public IReadOnlyList<string> Args() => Auth?.BearerTokens switch
    {
        null => [],
        { AdminSecretName: null } => ["--auth-token-dir", TokenDirectory],
        _ => ["--auth-token-dir", TokenDirectory, "--admin-token-dir", AdminTokenDirectory],
    };

    public IReadOnlyList<V1Volume> Volumes()
    {
        if (Auth?.BearerTokens is not { } tokens)
        {
            return [];
        }
        List<V1Volume> volumes = [SecretVolume(TokenVolume, tokens.SecretName)];
        if (tokens.AdminSecretName is { } admin)
        {
            volumes.Add(SecretVolume(AdminTokenVolume, admin));
        }
        return volumes;
    }

    public IReadOnlyList<V1VolumeMount> Mounts()
    {
        if (Auth?.BearerTokens is not { } tokens)
        {
            return [];
        }
        List<V1VolumeMount> mounts = [new() { Name = TokenVolume, MountPath = TokenDirectory, ReadOnlyProperty = true }];
        if (tokens.AdminSecretName is not null)
        {
            mounts.Add(new V1VolumeMount { Name = AdminTokenVolume, MountPath = AdminTokenDirectory, ReadOnlyProperty = true });
        }
        return mounts;
    }

    // Not optional: without its Secret the Pod waits in ContainerCreating (FailedMount Events) instead of serving
    // open or refusing everything; the ModelDeployment's status says which Secret is missing (AuthSecretCheck).
    private static V1Volume SecretVolume(string name, string secretName) =>
        new() { Name = name, Secret = new V1SecretVolumeSource { SecretName = secretName, Optional = false } };
}
