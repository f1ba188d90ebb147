using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Modelship.Api.Routing;
using Modelship.Serving.Monitoring.ServiceStats;
using Modelship.Telemetry;

namespace Modelship.Serving.Routing;

/// <summary>
/// The router's instruments on a Meter named <see cref="MeterName"/>. Each router owns its Meter instance, so several
/// routers in one process (tests, <c>modelship run</c>) keep separate numbers. Label values come only from the
/// routing table (model, version, role, output) or from this code (code, reason): a model or version the caller
/// names that the table lacks is <see cref="Unknown"/>, and "" means no backend was chosen. Request text never
/// becomes a label value, so callers cannot create series at will.
/// </summary>
public sealed class RouterMetrics : IDisposable
{
    public const string MeterName = "Modelship.Router";

    /// <summary>The model or version label of a request naming a model or version the routing table does not have.</summary>
    public const string Unknown = "unknown";

    internal static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    private static readonly double[] DifferenceBuckets = [0, 0.0001, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 5, 10];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestDuration;
    private readonly Counter<long> _shadowComparisons;
    private readonly Counter<long> _shadowAgreements;
    private readonly Histogram<double> _shadowMeanAbsDifference;
    private readonly Histogram<double> _shadowDuration;
    private readonly Counter<long> _shadowErrors;
    private readonly Counter<long> _shadowDropped;
    private readonly Counter<long> _predictionWarnings;
    private readonly Counter<long> _inferenceLogEntries;
    private readonly Counter<long> _inferenceLogDropped;
    private readonly ConcurrentDictionary<(string Model, string Version), AgreementTotals> _agreement = new();

    public RouterMetrics(Func<(string Model, long Generation)?> servedGeneration, TimeProvider? clock = null)
    {
        ServiceStats = new ServiceStatsRecorder(LatencyBuckets, clock ?? TimeProvider.System);
        Meter = new Meter(MeterName);
        _requests = Meter.CreateCounter<long>(RouterMetricNames.Requests, description: "Inference and metadata requests answered by the router, by backend and HTTP status code.");
        _requestDuration = Meter.CreateHistogram<double>(
            RouterMetricNames.RequestDuration,
            unit: "s",
            description: "Time from reading the request to having the backend's answer.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _shadowComparisons = Meter.CreateCounter<long>(RouterMetricNames.ShadowComparisons, description: "Class output elements compared between a shadow and the answering backend.");
        _shadowAgreements = Meter.CreateCounter<long>(RouterMetricNames.ShadowAgreements, description: "Compared class output elements on which the shadow agreed.");
        _shadowMeanAbsDifference = Meter.CreateHistogram<double>(
            RouterMetricNames.ShadowAbsDifference,
            description: "Mean absolute difference of floating outputs between a shadow and the answering backend, one sample per compared request.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DifferenceBuckets });
        _shadowDuration = Meter.CreateHistogram<double>(
            RouterMetricNames.ShadowRequestDuration,
            unit: "s",
            description: "Latency of mirrored requests to shadows.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _shadowErrors = Meter.CreateCounter<long>(RouterMetricNames.ShadowErrors, description: "Mirrored requests that failed or could not be compared, by reason.");
        _shadowDropped = Meter.CreateCounter<long>(RouterMetricNames.ShadowDropped, description: "Mirrored requests dropped because the shadow queue was full.");
        _predictionWarnings = Meter.CreateCounter<long>(RouterMetricNames.PredictionWarnings, description: "Output values outside the routing table's prediction bounds, by backend and output.");
        _inferenceLogEntries = Meter.CreateCounter<long>(RouterMetricNames.InferenceLogEntries, description: "Entries written to the inference log.");
        _inferenceLogDropped = Meter.CreateCounter<long>(RouterMetricNames.InferenceLogDropped, description: "Inference log entries dropped because the log queue was full or the file could not be written.");
        MetricSeries.Declare(_inferenceLogEntries);
        MetricSeries.Declare(_inferenceLogDropped);
        Meter.CreateObservableGauge(RouterMetricNames.ShadowAgreementRatio, ObserveAgreementRatio, description: "Share of compared class output elements on which each shadow agreed.");
        Meter.CreateObservableGauge(RouterMetricNames.RoutingGeneration, () => ObserveGeneration(servedGeneration), description: "Generation of the routing table the router serves.");
    }

    public Meter Meter { get; }

    /// <summary>The same requests in 1m/1h/24h windows per version and role, for <c>GET /v2/monitoring</c>.</summary>
    public ServiceStatsRecorder ServiceStats { get; }

    /// <summary>Exposes the shadow series of a newly served table at zero, so dashboards and alerts see them before any traffic.</summary>
    public void DeclareSeries(RoutingSnapshot snapshot)
    {
        foreach (var bound in snapshot.Table.PredictionWarnings.Where(b => b.Output != PredictionBound.EveryOutput))
        {
            foreach (var backend in snapshot.LayoutBackends)
            {
                MetricSeries.Declare(_predictionWarnings, new TagList { { RouterMetricNames.Labels.Model, snapshot.Table.ModelName }, { RouterMetricNames.Labels.Version, backend.Version }, { RouterMetricNames.Labels.Output, bound.Output } });
            }
        }
        foreach (var shadow in snapshot.Shadows)
        {
            var tags = new TagList { { RouterMetricNames.Labels.Model, snapshot.Table.ModelName }, { RouterMetricNames.Labels.Version, shadow.Version } };
            MetricSeries.Declare(_shadowDropped, tags);
            MetricSeries.Declare(_shadowComparisons, tags);
            MetricSeries.Declare(_shadowAgreements, tags);
        }
    }

    public void RequestCompleted(string model, string version, string role, int statusCode, long startTimestamp)
    {
        var code = StatusCodeText(statusCode);
        _requests.Add(1, new TagList { { RouterMetricNames.Labels.Model, model }, { RouterMetricNames.Labels.Version, version }, { RouterMetricNames.Labels.Role, role }, { RouterMetricNames.Labels.Code, code } });
        var seconds = Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
        if (role.Length > 0)
        {
            ServiceStats.RequestCompleted(version, role, statusCode, seconds);
        }
        _requestDuration.Record(seconds, new TagList { { RouterMetricNames.Labels.Model, model }, { RouterMetricNames.Labels.Version, version }, { RouterMetricNames.Labels.Role, role } });
    }

    public void PredictionsOutOfRange(string model, string version, string output, int count) =>
        _predictionWarnings.Add(count, new TagList { { RouterMetricNames.Labels.Model, model }, { RouterMetricNames.Labels.Version, version }, { RouterMetricNames.Labels.Output, output } });

    public void ShadowAnswered(string model, string version, TimeSpan latency)
    {
        ServiceStats.RequestCompleted(version, ServiceStatsRecorder.ShadowRole, 200, latency.TotalSeconds);
        _shadowDuration.Record(latency.TotalSeconds, new TagList { { RouterMetricNames.Labels.Model, model }, { RouterMetricNames.Labels.Version, version } });
    }

    public void ShadowCompared(string model, string version, ShadowComparison comparison)
    {
        var tags = new TagList { { RouterMetricNames.Labels.Model, model }, { RouterMetricNames.Labels.Version, version } };
        if (comparison.ClassElements > 0)
        {
            _shadowComparisons.Add(comparison.ClassElements, tags);
            _shadowAgreements.Add(comparison.ClassAgreements, tags);
            ServiceStats.ShadowCompared(version, comparison.ClassElements, comparison.ClassAgreements);
            var totals = _agreement.GetOrAdd((model, version), _ => new AgreementTotals());
            totals.Add(comparison.ClassElements, comparison.ClassAgreements);
        }
        if (comparison.FloatElements > 0)
        {
            _shadowMeanAbsDifference.Record(comparison.AbsDifferenceSum / comparison.FloatElements, tags);
        }
    }

    public void InferenceLogWritten() => _inferenceLogEntries.Add(1);

    public void InferenceLogDropped() => _inferenceLogDropped.Add(1);

    public void ShadowFailed(string model, string version, string reason)
    {
        RecordShadowFailure(version, reason);
        _shadowErrors.Add(1, new TagList { { RouterMetricNames.Labels.Model, model }, { RouterMetricNames.Labels.Version, version }, { RouterMetricNames.Labels.Reason, reason } });
    }

    /// <summary>A shadow without an answer is a request and an error; one that answered with a failure status (already counted as answered) an error; a mismatch is not an error.</summary>
    private void RecordShadowFailure(string version, string reason)
    {
        switch (reason)
        {
            case "timeout" or "unreachable":
                ServiceStats.ShadowUnanswered(version);
                break;
            case "status":
                ServiceStats.ShadowErrored(version);
                break;
        }
    }

    public void ShadowDropped(string model, string version) =>
        _shadowDropped.Add(1, new TagList { { RouterMetricNames.Labels.Model, model }, { RouterMetricNames.Labels.Version, version } });

    public void Dispose() => Meter.Dispose();

    private IEnumerable<Measurement<double>> ObserveAgreementRatio()
    {
        foreach (var ((model, version), totals) in _agreement)
        {
            var (compared, agreed) = totals.Read();
            if (compared > 0)
            {
                yield return new Measurement<double>((double)agreed / compared, new KeyValuePair<string, object?>(RouterMetricNames.Labels.Model, model), new KeyValuePair<string, object?>(RouterMetricNames.Labels.Version, version));
            }
        }
    }

    private static IEnumerable<Measurement<long>> ObserveGeneration(Func<(string Model, long Generation)?> servedGeneration)
    {
        if (servedGeneration() is { } served)
        {
            yield return new Measurement<long>(served.Generation, new KeyValuePair<string, object?>(RouterMetricNames.Labels.Model, served.Model));
        }
    }

    private static string StatusCodeText(int statusCode) => statusCode switch
    {
        200 => "200",
        400 => "400",
        404 => "404",
        413 => "413",
        500 => "500",
        503 => "503",
        504 => "504",
        _ => statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private sealed class AgreementTotals
    {
        private long _compared;
        private long _agreed;

        public void Add(long compared, long agreed)
        {
            lock (this)
            {
                _compared += compared;
                _agreed += agreed;
            }
        }

        public (long Compared, long Agreed) Read()
        {
            lock (this)
            {
                return (_compared, _agreed);
            }
        }
    }
}
