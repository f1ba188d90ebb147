namespace Modelship.Serving.Monitoring.ServiceStats;

/// <summary>
/// The counts of one (version, role) in one wall-clock minute. Adds are interlocked, so request threads never take a
/// lock; a reader may see a minute's counts a few adds apart from one another, which a window sum tolerates.
/// </summary>
internal sealed class MinuteBucket(long minute, int latencyBuckets)
{
    private readonly long[] _latencyCounts = new long[latencyBuckets];
    private long _requests;
    private long _errors;
    private long _shadowComparisons;
    private long _shadowAgreements;
    private long _checkFailures;

    /// <summary>Minutes since the Unix epoch that this bucket counts.</summary>
    public long Minute { get; } = minute;

    public void AddRequest(bool error, int latencyBucket)
    {
        Interlocked.Increment(ref _requests);
        if (error)
        {
            Interlocked.Increment(ref _errors);
        }
        if (latencyBucket >= 0)
        {
            Interlocked.Increment(ref _latencyCounts[latencyBucket]);
        }
    }

    public void AddError() => Interlocked.Increment(ref _errors);

    public void AddShadowComparison(long compared, long agreed)
    {
        Interlocked.Add(ref _shadowComparisons, compared);
        Interlocked.Add(ref _shadowAgreements, agreed);
    }

    public void AddCheckFailures(long count) => Interlocked.Add(ref _checkFailures, count);

    /// <summary>Adds this minute's counts into <paramref name="totals"/>.</summary>
    public void AddTo(WindowTotals totals)
    {
        totals.Requests += Volatile.Read(ref _requests);
        totals.Errors += Volatile.Read(ref _errors);
        totals.ShadowComparisons += Volatile.Read(ref _shadowComparisons);
        totals.ShadowAgreements += Volatile.Read(ref _shadowAgreements);
        totals.CheckFailures += Volatile.Read(ref _checkFailures);
        for (var i = 0; i < _latencyCounts.Length; i++)
        {
            totals.LatencyCounts[i] += Volatile.Read(ref _latencyCounts[i]);
        }
    }
}
