namespace Modelship.Cli.LoadGeneration;

/// <summary>One kind of answer: the routing generation, model version and role the router named in its headers.</summary>
public readonly record struct AnswerKey(long? Generation, string? Version, string? Role);

/// <summary>A request that did not get a 200: when (seconds since the start) and what happened.</summary>
public sealed record LoadFailure(double AtSeconds, string What);

/// <summary>
/// What a load run has seen so far, safe to update from every request at once: requests sent, 200 answers per
/// <see cref="AnswerKey"/>, and failures (the first <see cref="KeptFailures"/> kept with their reason).
/// </summary>
public sealed class LoadTally
{
    public const int KeptFailures = 20;

    private readonly Lock _lock = new();
    private readonly Dictionary<AnswerKey, long> _answers = [];
    private readonly List<LoadFailure> _failures = [];
    private long _sent;
    private long _answered;
    private long _failed;

    public long Sent => Interlocked.Read(ref _sent);

    public long Answered => Interlocked.Read(ref _answered);

    public long Failed => Interlocked.Read(ref _failed);

    public void CountSent() => Interlocked.Increment(ref _sent);

    public void CountAnswer(AnswerKey key)
    {
        lock (_lock)
        {
            _answers[key] = _answers.GetValueOrDefault(key) + 1;
        }
        Interlocked.Increment(ref _answered);
    }

    public void CountFailure(LoadFailure failure)
    {
        lock (_lock)
        {
            if (_failures.Count < KeptFailures)
            {
                _failures.Add(failure);
            }
        }
        Interlocked.Increment(ref _failed);
    }

    /// <summary>The answers per key, ordered by generation, version and role.</summary>
    public IReadOnlyList<KeyValuePair<AnswerKey, long>> Answers()
    {
        lock (_lock)
        {
            return [.. _answers.OrderBy(a => a.Key.Generation).ThenBy(a => a.Key.Version, StringComparer.Ordinal).ThenBy(a => a.Key.Role, StringComparer.Ordinal)];
        }
    }

    public IReadOnlyList<LoadFailure> Failures()
    {
        lock (_lock)
        {
            return [.. _failures];
        }
    }
}
