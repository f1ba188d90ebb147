using Modelship.Api.Defaults;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>
/// The routing table a router serves for a ModelDeployment: which versions answer, with which weights, keys,
/// prediction bounds and log settings. Pure: the caller says where each backend listens and which generation this is.
/// </summary>
public static class RoutingTableBuilder
{
    /// <summary>PredictionBound.Output that applies a bound to every numeric output.</summary>
    public const string EveryOutput = "*";

    /// <param name="driftReferencePath">Where the router reads the drift reference; null: where a router Pod sees it
    /// (<see cref="RouterMonitoringVolumes.ReferencePath"/>). <c>modelship run</c> passes its local file.</param>
    /// <param name="predictionDefaults">spec.predictionDefaults, merged by the router into every request.</param>
    public static RoutingTable Build(
        string modelName,
        long generation,
        IReadOnlyList<ModelBackend> backends,
        TrafficSpec? traffic,
        MonitoringSpec? monitoring,
        Func<ModelBackend, string> backendUrl,
        Func<DriftReference, string>? driftReferencePath = null,
        PredictionDefaults? predictionDefaults = null)
    {
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(backendUrl);
        return new RoutingTable
        {
            Generation = generation,
            ModelName = modelName,
            Backends = backends.Select(b => new RoutingBackend
            {
                Name = b.Name,
                Version = b.Model.Version,
                Role = b.Role,
                Url = backendUrl(b),
                ModelName = modelName,
                Weight = b.Role == BackendRole.Challenger ? b.Weight : 0,
            }).ToList(),
            StickyKey = traffic?.StickyKey is { } sticky ? new RoutingKey { Source = KeySourceOf(sticky.Source), Name = sticky.Name } : null,
            KeySplit = KeySplitOf(traffic?.KeySplit, backends),
            PredictionWarnings = monitoring?.PredictionWarnings is { } warnings && (warnings.Lower is not null || warnings.Upper is not null)
                ? [new PredictionBound { Output = warnings.Output ?? EveryOutput, Min = warnings.Lower, Max = warnings.Upper }]
                : [],
            Log = monitoring?.CollectPredictions == true ? new InferenceLogSettings { SampleRate = monitoring.SampleRate ?? 1.0 } : null,
            Monitoring = MonitoringOf(monitoring, driftReferencePath ?? RouterMonitoringVolumes.ReferencePath),
            PredictionDefaults = ParameterDefaults.From(predictionDefaults),
        };
    }

    /// <summary>The table's monitoring section: drift and actuals as spec.monitoring asks; null when neither is on.</summary>
    public static MonitoringSettings? MonitoringOf(MonitoringSpec? monitoring, Func<DriftReference, string> driftReferencePath)
    {
        ArgumentNullException.ThrowIfNull(driftReferencePath);
        var drift = monitoring?.Drift is { } d ? new DriftSettings
        {
            ReferencePath = driftReferencePath(d.Reference),
            Window = EffectiveMonitoring.DriftWindow(d),
            MinSamples = EffectiveMonitoring.DriftMinSamples(d),
        } : null;
        var actuals = monitoring is { Accuracy: { } a, AssociationIdField: { } field } ? new ActualsSettings
        {
            AssociationId = new AssociationIdKey { Source = AssociationIdSourceOf(EffectiveMonitoring.AssociationIdSource(monitoring)), Name = field },
            Task = a.Task == AccuracyTask.Regression ? ModelTask.Regression : ModelTask.Classification,
            Output = a.Output,
            Window = EffectiveMonitoring.AccuracyWindow(a),
            RetentionSeconds = (long)EffectiveMonitoring.AccuracyRetention(a).TotalSeconds,
            MaxPredictions = EffectiveMonitoring.AccuracyMaxPredictions(a),
        } : null;
        return drift is null && actuals is null ? null : new MonitoringSettings { Drift = drift, Actuals = actuals };
    }

    private static Api.Routing.AssociationIdSource AssociationIdSourceOf(AssociationIdFieldSource source) => source switch
    {
        AssociationIdFieldSource.Input => Api.Routing.AssociationIdSource.Input,
        AssociationIdFieldSource.Header => Api.Routing.AssociationIdSource.Header,
        _ => Api.Routing.AssociationIdSource.Parameter,
    };

    private static KeySplitRule? KeySplitOf(KeySplitSpec? split, IReadOnlyList<ModelBackend> backends)
    {
        if (split is null)
        {
            return null;
        }

        // A route to a version that is not in this table (e.g. a challenger still starting) falls back to the default.
        var present = backends.Select(b => b.Name).ToHashSet(StringComparer.Ordinal);
        return new KeySplitRule
        {
            Source = KeySourceOf(split.Source),
            Name = split.Name,
            Routes = (split.Routes ?? []).Where(r => present.Contains(r.Target)).ToDictionary(r => r.Value, r => r.Target, StringComparer.Ordinal),
            Default = split.Default is { } target && present.Contains(target) ? target : null,
        };
    }

    private static KeySource KeySourceOf(TrafficKeySource source) => source switch
    {
        TrafficKeySource.Header => KeySource.Header,
        TrafficKeySource.Input => KeySource.Input,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "unknown key source"),
    };
}
