using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>
/// Whether the router ClusterRole every router's RoleBinding refers to exists. A RoleBinding to a missing role is
/// accepted by the API server and grants nothing, so without this a router would fail to read its routing table
/// with nothing on the ModelDeployment saying why. The answer is kept for <see cref="RecheckAfter"/>, so reconciles
/// cost no extra request each.
/// </summary>
public sealed class RouterClusterRoleCheck(ResourceClient<V1ClusterRole> clusterRoles, string name, TimeProvider time)
{
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private (DateTimeOffset At, string? Problem)? _last;

    /// <summary>What is wrong, for people; null when the role exists or cannot be looked at (no right to read it).</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_last is { } last && now - last.At < RecheckAfter)
            {
                return last.Problem;
            }
        }

        string? problem;
        try
        {
            problem = await clusterRoles.GetOrNullAsync(null, name, cancellationToken).ConfigureAwait(false) is null
                ? $"ClusterRole {name} does not exist, so routers cannot read their routing table: install it with the chart or config/rbac, or name the installed one with --router-cluster-role"
                : null;
        }
        catch (KubernetesApiException ex) when (ex.IsForbidden)
        {
            problem = null;
        }

        lock (_lock)
        {
            _last = (now, problem);
        }
        return problem;
    }
}
