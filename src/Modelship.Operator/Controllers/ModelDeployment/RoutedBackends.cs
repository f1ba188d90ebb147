using Modelship.Api.Defaults;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>
/// Which backends the routing table names. A version enters the table only when its Deployment is Available; a
/// version already in the table stays while it is in use, so a crashing pod does not empty the table.
/// </summary>
public static class RoutedBackends
{
    /// <summary>
    /// Backend name of a canary: the pending champion while it takes a share of the traffic, or while it runs as a
    /// shadow of the champion in the mirror phase (<see cref="Rollout.MirrorPhaseAnalysis"/>).
    /// </summary>
    public const string CanaryName = ModelDeploymentDefaults.CanaryName;

    /// <param name="canReference">Whether a version may be named: Available, or already named by the current table.</param>
    /// <param name="pendingWeight">The pending version's share: null (not routed), 0 (mirrored as a shadow), 1–99 (canary) or 100 (champion).</param>
    public static IReadOnlyList<ModelBackend> Select(
        ModelDeploymentSpec spec, VersionPlan plan, Func<string, bool> canReference, int? pendingWeight)
    {
        var backends = new List<ModelBackend>();
        var championModel = plan.Pending is { } pending && pendingWeight >= 100
            ? pending
            : plan.ActiveSpec ?? new ModelSpec { Uri = plan.Active.Uri, Version = plan.Active.Version };
        if (!canReference(championModel.Version))
        {
            return [];
        }
        backends.Add(new ModelBackend(ModelDeploymentDefaults.ChampionName, BackendRole.Champion, championModel, 0));

        var challengers = (spec.Traffic?.Challengers ?? []).Where(c => canReference(c.Model.Version)).ToList();
        backends.AddRange(challengers.Select(c => new ModelBackend(c.Name, BackendRole.Challenger, c.Model, c.Weight)));
        if (plan.Pending is { } canary && pendingWeight is > 0 and < 100)
        {
            var left = Math.Max(0, 100 - challengers.Sum(c => c.Weight));
            backends.Add(new ModelBackend(CanaryName, BackendRole.Challenger, canary, Math.Min(pendingWeight.Value, left)));
        }
        backends.AddRange((spec.Traffic?.Shadows ?? []).Where(s => canReference(s.Model.Version))
            .Select(s => new ModelBackend(s.Name, BackendRole.Shadow, s.Model, 0)));
        if (plan.Pending is { } mirrored && pendingWeight == Rollout.MirrorPhaseAnalysis.Weight)
        {
            backends.Add(new ModelBackend(CanaryName, BackendRole.Shadow, mirrored, 0));
        }
        return backends;
    }

    /// <summary>The share the table gives <paramref name="version"/> as the pending champion: 100 as champion, the canary weight (0 when mirrored), or null.</summary>
    public static int? WeightOf(RoutingTable? table, string version)
    {
        var backend = table?.Backends.FirstOrDefault(b => b.Version == version && (b.Role == BackendRole.Champion || b.Name == CanaryName));
        return backend is null ? null : backend.Role == BackendRole.Champion ? 100 : backend.Weight;
    }
}
