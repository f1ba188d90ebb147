using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout.Checks;

/// <summary>
/// Puts the replacement checks together into status.replacementValidation. fetch and format can fail before the new
/// version is Available (its Pods never get ready), so they are also judged from the runtime Pods' container statuses
/// (<see cref="FromFailedContainers"/>); the rest need a running runtime.
/// </summary>
public static class ReplacementChecks
{
    /// <summary>
    /// The checks the new version's Pods already fail: the fetch init container, or else the model server, failed
    /// repeatedly (<see cref="ContainerFailure.Repeated"/>). Null when neither has.
    /// </summary>
    public static ReplacementValidationStatus? FromFailedContainers(ModelSpec pending, IEnumerable<V1Pod> candidatePods)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var pods = candidatePods.ToList();
        if (ContainerFailure.Repeated(pods, RuntimeDeploymentBuilder.FetchContainerName, init: true) is { } fetch)
        {
            return Of(pending.Version, new Dictionary<string, ReplacementCheck>(StringComparer.Ordinal) { [FetchCheck.Name] = FetchCheck.Failed(fetch) });
        }
        if (ContainerFailure.Repeated(pods, RuntimeDeploymentBuilder.ServerContainerName, init: false) is { } server)
        {
            return Of(pending.Version, new Dictionary<string, ReplacementCheck>(StringComparer.Ordinal)
            {
                // The server container starts only after the fetch init container succeeded.
                [FetchCheck.Name] = FetchCheck.Fetched(pending),
                [FormatCheck.Name] = FormatCheck.Failed(server, pending),
            });
        }
        return null;
    }

    public static ReplacementValidationStatus Of(string version, IReadOnlyDictionary<string, ReplacementCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        return new ReplacementValidationStatus { Version = version, Status = SignatureCheck.Overall(checks.Values), Checks = checks };
    }

    /// <summary>The failing checks, for the history and the Degraded condition: "name: message; ...". Null when none fails.</summary>
    public static string? Failures(ReplacementValidationStatus? validation)
    {
        var failing = validation?.Checks?.Where(c => c.Value.Status == ValidationResult.Failing).OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => $"{c.Key}: {c.Value.Message}").ToList();
        return failing is { Count: > 0 } ? string.Join("; ", failing) : null;
    }
}
