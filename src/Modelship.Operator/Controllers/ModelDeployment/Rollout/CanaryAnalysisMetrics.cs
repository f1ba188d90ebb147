using Modelship.Api.Routing;
using Modelship.Telemetry;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>
/// What the routers' metrics say about one model version, summed over every series and every router scraped (like
/// <c>sum by (le)</c> in PromQL). Counters are cumulative since each router started.
/// </summary>
public sealed record CanaryAnalysisMetrics
{
    public const string Requests = RouterMetricNames.Requests;
    public const string RequestDurationBucket = RouterMetricNames.RequestDuration + "_bucket";
    public const string ShadowComparisons = RouterMetricNames.ShadowComparisons;
    public const string ShadowAgreements = RouterMetricNames.ShadowAgreements;
    public const string ShadowDurationCount = RouterMetricNames.ShadowRequestDuration + "_count";
    public const string ShadowDurationBucket = RouterMetricNames.ShadowRequestDuration + "_bucket";
    public const string ShadowErrors = RouterMetricNames.ShadowErrors;

    /// <summary>Shadow error reasons that mean no answer came back (the others come with an answer, already counted).</summary>
    private static readonly string[] UnansweredReasons = ["timeout", "unreachable"];

    public static CanaryAnalysisMetrics None { get; } = new();

    /// <summary>Requests the version answered (it took part of the traffic), any status.</summary>
    public long AnsweredRequests { get; init; }

    /// <summary>Of <see cref="AnsweredRequests"/>, those answered with a 5xx status.</summary>
    public long ServerErrors { get; init; }

    /// <summary>The version's <c>modelship_request_duration_seconds</c> buckets (every series, every router).</summary>
    public IReadOnlyList<HistogramBucket> LatencyBuckets { get; init; } = [];

    /// <summary>The version's <c>modelship_shadow_request_duration_seconds</c> buckets: its answers as a shadow.</summary>
    public IReadOnlyList<HistogramBucket> ShadowLatencyBuckets { get; init; } = [];

    /// <summary>Class output elements compared while the version ran as a shadow.</summary>
    public long ComparedOutputs { get; init; }

    /// <summary>Of <see cref="ComparedOutputs"/>, those on which it agreed with the answering backend.</summary>
    public long AgreedOutputs { get; init; }

    /// <summary>Mirrored requests sent to the version as a shadow: answered (any status), timed out or unreachable.</summary>
    public long MirroredRequests { get; init; }

    /// <summary>Failed or incomparable mirrored requests by reason (timeout, unreachable, status, mismatch).</summary>
    public IReadOnlyDictionary<string, long> ShadowFailures { get; init; } = new Dictionary<string, long>();

    /// <summary>The numbers for <paramref name="version"/> in one exposition.</summary>
    public static CanaryAnalysisMetrics Read(string exposition, string version)
    {
        long answered = 0, serverErrors = 0, compared = 0, agreed = 0, mirrored = 0;
        var buckets = new List<HistogramBucket>();
        var shadowBuckets = new List<HistogramBucket>();
        var failures = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var sample in AnalysisSample.Parse(exposition).Where(s => s.Label("version") == version && double.IsFinite(s.Value)))
        {
            var count = (long)sample.Value;
            switch (sample.Name)
            {
                case Requests:
                    answered += count;
                    serverErrors += sample.Label(RouterMetricNames.Labels.Code).StartsWith('5') ? count : 0;
                    break;
                case RequestDurationBucket when AnalysisSample.TryParseValue(sample.Label("le"), out var bound):
                    buckets.Add(new HistogramBucket(bound, sample.Value));
                    break;
                case ShadowDurationBucket when AnalysisSample.TryParseValue(sample.Label("le"), out var bound):
                    shadowBuckets.Add(new HistogramBucket(bound, sample.Value));
                    break;
                case ShadowComparisons:
                    compared += count;
                    break;
                case ShadowAgreements:
                    agreed += count;
                    break;
                case ShadowDurationCount:
                    mirrored += count;
                    break;
                case ShadowErrors:
                    var reason = sample.Label(RouterMetricNames.Labels.Reason);
                    failures[reason] = failures.GetValueOrDefault(reason) + count;
                    mirrored += UnansweredReasons.Contains(reason) ? count : 0;
                    break;
            }
        }
        return new CanaryAnalysisMetrics
        {
            AnsweredRequests = answered,
            ServerErrors = serverErrors,
            LatencyBuckets = buckets,
            ShadowLatencyBuckets = shadowBuckets,
            ComparedOutputs = compared,
            AgreedOutputs = agreed,
            MirroredRequests = mirrored,
            ShadowFailures = failures,
        };
    }

    /// <summary>The numbers for <paramref name="version"/> summed over several routers' expositions.</summary>
    public static CanaryAnalysisMetrics Sum(IEnumerable<string> expositions, string version)
    {
        ArgumentNullException.ThrowIfNull(expositions);
        return expositions.Aggregate(None, (sum, text) => sum.Plus(Read(text, version)));
    }

    /// <summary>Both routers' numbers together: counters add, buckets with the same bound add up in the quantile.</summary>
    public CanaryAnalysisMetrics Plus(CanaryAnalysisMetrics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var failures = new Dictionary<string, long>(ShadowFailures, StringComparer.Ordinal);
        foreach (var (reason, count) in other.ShadowFailures)
        {
            failures[reason] = failures.GetValueOrDefault(reason) + count;
        }
        return new CanaryAnalysisMetrics
        {
            AnsweredRequests = AnsweredRequests + other.AnsweredRequests,
            ServerErrors = ServerErrors + other.ServerErrors,
            LatencyBuckets = [.. LatencyBuckets, .. other.LatencyBuckets],
            ShadowLatencyBuckets = [.. ShadowLatencyBuckets, .. other.ShadowLatencyBuckets],
            ComparedOutputs = ComparedOutputs + other.ComparedOutputs,
            AgreedOutputs = AgreedOutputs + other.AgreedOutputs,
            MirroredRequests = MirroredRequests + other.MirroredRequests,
            ShadowFailures = failures,
        };
    }
}
