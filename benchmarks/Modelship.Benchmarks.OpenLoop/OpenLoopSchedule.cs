namespace Modelship.Benchmarks.OpenLoop;

/// <summary>
/// Which target request <i>i</i> goes to and whether it is measured. Warm-up first, each target in turn; then the
/// measured part, cut into segments that go to the targets in turn (A B C A B C ...), so that load on the machine that
/// drifts over the run falls on every target alike instead of on whichever ran during it.
/// </summary>
internal sealed class OpenLoopSchedule
{
    private readonly int _targets;
    private readonly int _warmupPerTarget;
    private readonly int _perSegment;

    public OpenLoopSchedule(OpenLoopOptions options)
    {
        _targets = options.Targets.Count;
        _warmupPerTarget = (int)(options.Rate * options.Warmup.TotalSeconds);
        _perSegment = Math.Max(1, (int)(options.Rate * options.Segment.TotalSeconds));
        WarmupRequests = _targets * _warmupPerTarget;
        MeasuredRequestsPerTarget = (int)(options.Rate * options.Duration.TotalSeconds);
        TotalRequests = WarmupRequests + _targets * MeasuredRequestsPerTarget;
    }

    public int WarmupRequests { get; }
    public int MeasuredRequestsPerTarget { get; }
    public int TotalRequests { get; }

    public int TargetOf(int request) =>
        request < WarmupRequests ? request / _warmupPerTarget : (request - WarmupRequests) / _perSegment % _targets;

    public bool IsMeasured(int request) => request >= WarmupRequests;
}
