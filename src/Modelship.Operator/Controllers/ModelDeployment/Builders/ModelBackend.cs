using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>One model version a ModelDeployment routes to: the champion, a challenger or a shadow.</summary>
/// <param name="Name">Backend name: "champion" or the challenger's or shadow's name.</param>
/// <param name="Weight">Percent of traffic for a challenger; 0 for the champion (it takes the rest) and shadows.</param>
public sealed record ModelBackend(string Name, BackendRole Role, ModelSpec Model, int Weight)
{
    /// <summary>The backends of a spec at rest: its champion, challengers and shadows, in that order.</summary>
    public static IReadOnlyList<ModelBackend> FromSpec(ModelDeploymentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var backends = new List<ModelBackend> { new(Api.Defaults.ModelDeploymentDefaults.ChampionName, BackendRole.Champion, spec.Model, 0) };
        backends.AddRange((spec.Traffic?.Challengers ?? []).Select(c => new ModelBackend(c.Name, BackendRole.Challenger, c.Model, c.Weight)));
        backends.AddRange((spec.Traffic?.Shadows ?? []).Select(s => new ModelBackend(s.Name, BackendRole.Shadow, s.Model, 0)));
        return backends;
    }
}
