using Modelship.Api.Routing;

namespace Modelship.Serving.Monitoring.Actuals;

/// <summary>
/// The bounds of <see cref="ActualsSettings"/> as the join uses them: a table parsed from JSON without
/// <c>window</c>, <c>retentionSeconds</c> or <c>maxPredictions</c> has 0 there (the source-generated deserializer sets
/// every init-only property, absent ones to their type's default, not to the initializer's value), which means the
/// documented default.
/// </summary>
public static class ActualsSettingsDefaults
{
    private static readonly ActualsSettings Defaults = new() { AssociationId = new AssociationIdKey { Source = AssociationIdSource.Header, Name = "-" } };

    public static int Window(ActualsSettings settings) => settings.Window > 0 ? settings.Window : Defaults.Window;

    public static TimeSpan Retention(ActualsSettings settings) =>
        TimeSpan.FromSeconds(settings.RetentionSeconds > 0 ? settings.RetentionSeconds : Defaults.RetentionSeconds);

    public static int MaxPredictions(ActualsSettings settings) => settings.MaxPredictions > 0 ? settings.MaxPredictions : Defaults.MaxPredictions;
}
