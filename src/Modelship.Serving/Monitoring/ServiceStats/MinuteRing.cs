namespace Modelship.Serving.Monitoring.ServiceStats;

/// <summary>
/// The last <see cref="StatsWindow.RingMinutes"/> minute buckets of one (version, role): slot <c>minute % length</c>
/// holds that minute's bucket, and a slot still holding an older minute is replaced on first use (one allocation per
/// minute with traffic). Memory is bounded by the ring, whatever the traffic.
/// </summary>
internal sealed class MinuteRing(int latencyBuckets)
{
    private readonly MinuteBucket?[] _slots = new MinuteBucket?[StatsWindow.RingMinutes];

    /// <summary>The bucket of <paramref name="minute"/>, replacing whatever older minute held the slot.</summary>
    public MinuteBucket For(long minute)
    {
        ref var slot = ref _slots[SlotOf(minute)];
        var current = Volatile.Read(ref slot);
        while (current is null || current.Minute < minute)
        {
            var fresh = new MinuteBucket(minute, latencyBuckets);
            var seen = Interlocked.CompareExchange(ref slot, fresh, current);
            if (ReferenceEquals(seen, current))
            {
                return fresh;
            }
            current = seen;
        }
        // A newer minute in the slot means this caller's clock reading is a ring length old: count it there anyway,
        // rather than lose it, as it lands in no window either way.
        return current;
    }

    /// <summary>Adds the buckets of minutes <c>(now - minutes, now]</c> into <paramref name="totals"/>.</summary>
    public void AddWindow(long now, int minutes, WindowTotals totals)
    {
        for (var minute = now - minutes + 1; minute <= now; minute++)
        {
            var bucket = Volatile.Read(ref _slots[SlotOf(minute)]);
            if (bucket is not null && bucket.Minute == minute)
            {
                bucket.AddTo(totals);
            }
        }
    }

    private static int SlotOf(long minute) => (int)(((minute % StatsWindow.RingMinutes) + StatsWindow.RingMinutes) % StatsWindow.RingMinutes);
}
