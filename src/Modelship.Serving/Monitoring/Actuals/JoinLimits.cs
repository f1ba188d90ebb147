namespace Modelship.Serving.Monitoring.Actuals;

/// <summary>The bounds of the join store, from the routing table's <c>monitoring.actuals</c>.</summary>
public sealed record JoinLimits(int MaxPredictions, TimeSpan Retention, int MaxPending)
{
    /// <summary>Pending actuals (arrived before their prediction) kept at most, whatever the table says.</summary>
    public const int PendingCeiling = 10_000;

    public static JoinLimits From(Api.Routing.ActualsSettings settings) => new(
        settings.MaxPredictions,
        TimeSpan.FromSeconds(settings.RetentionSeconds),
        Math.Min(settings.MaxPredictions, PendingCeiling));
}
