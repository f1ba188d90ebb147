using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Modelship.Telemetry;

namespace Modelship.Serving.Runtime;

/// <summary>
/// The runtime's instruments on a Meter named <see cref="MeterName"/>; each host owns its Meter instance, so several
/// runtimes in one process keep separate numbers. The successful series exist at zero from the start. Label values
/// are the served model's name and version, or <see cref="Unknown"/> for a request that names another: never the
/// caller's text, which would let callers create series without limit.
/// </summary>
public sealed class RuntimeMetrics : IDisposable
{
    public const string MeterName = "Modelship.Runtime";

    /// <summary>The model or version label of a request for a model or version this runtime does not serve.</summary>
    public const string Unknown = "unknown";

    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly string _model;
    private readonly string _version;

    public RuntimeMetrics(string model, string version)
    {
        _model = model;
        _version = version;
        Meter = new Meter(MeterName);
        _requests = Meter.CreateCounter<long>(
            "modelship_requests_total", description: "Inference requests answered by the runtime, by model, version and HTTP status code.");
        _duration = Meter.CreateHistogram<double>(
            "modelship_request_duration_seconds",
            unit: "s",
            description: "Time from the start of an inference request to its answer, body parsing and serialization included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _requests.Add(0, RequestTags(_model, _version, 200));
        MetricSeries.Declare(_duration, new TagList { { "model", _model }, { "version", _version } });
    }

    public Meter Meter { get; }

    /// <summary>Counts an inference request; <paramref name="servedModel"/> and <paramref name="servedVersion"/> say whether its path named them.</summary>
    public void InferenceCompleted(int statusCode, long startTimestamp, bool servedModel = true, bool servedVersion = true)
    {
        var model = servedModel ? _model : Unknown;
        var version = servedModel && servedVersion ? _version : Unknown;
        _requests.Add(1, RequestTags(model, version, statusCode));
        _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new TagList { { "model", model }, { "version", version } });
    }

    public void Dispose() => Meter.Dispose();

    private static TagList RequestTags(string model, string version, int statusCode) =>
        new() { { "model", model }, { "version", version }, { "code", statusCode.ToString(CultureInfo.InvariantCulture) } };
}
