using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Client;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>
/// Whether the Secrets spec.auth names exist. A router Pod mounts them (not optional), so without one the Pod waits
/// in ContainerCreating with only a FailedMount Event on the Pod; this puts the reason on the ModelDeployment itself.
/// Each Secret is looked up by name (a GET, never a watch or list of Secrets) and the answer kept for
/// <see cref="RecheckAfter"/>; nothing of a Secret but its existence is used.
/// </summary>
public sealed class AuthSecretCheck(ResourceClient<V1Secret> secrets, TimeProvider time)
{
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Namespace, string Name), (DateTimeOffset At, bool Exists)> _last = [];

    /// <summary>What is missing, for people; null when every named Secret exists, none is named, or none can be looked at.</summary>
    public async Task<string?> ProblemAsync(string ns, AuthSpec? auth, CancellationToken cancellationToken)
    {
        if (auth?.BearerTokens is not { } tokens)
        {
            return null;
        }
        List<string> missing = [];
        foreach (var (field, name) in new[] { ("spec.auth.bearerTokens.secretName", tokens.SecretName), ("spec.auth.bearerTokens.adminSecretName", tokens.AdminSecretName) })
        {
            if (!string.IsNullOrEmpty(name) && !await ExistsAsync(ns, name, cancellationToken).ConfigureAwait(false))
            {
                missing.Add($"Secret {ns}/{name} ({field})");
            }
        }
        return missing.Count == 0 ? null
            : $"{string.Join(" and ", missing)} does not exist: the router Pods wait in ContainerCreating until it is created";
    }

    private async Task<bool> ExistsAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_last.TryGetValue((ns, name), out var last) && now - last.At < RecheckAfter)
            {
                return last.Exists;
            }
        }
        bool exists;
        try
        {
            exists = await secrets.GetOrNullAsync(ns, name, cancellationToken).ConfigureAwait(false) is not null;
        }
        catch (KubernetesApiException ex) when (ex.IsForbidden)
        {
            // No right to look (a namespace the operator only partly sees): say nothing rather than something wrong.
            exists = true;
        }
        lock (_lock)
        {
            _last[(ns, name)] = (now, exists);
        }
        return exists;
    }
}
