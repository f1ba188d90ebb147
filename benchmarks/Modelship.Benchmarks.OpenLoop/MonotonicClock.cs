using System.Runtime.InteropServices;

namespace Modelship.Benchmarks.OpenLoop;

/// <summary>
/// CLOCK_MONOTONIC in nanoseconds and sleeping until an absolute point on it. Thread.Sleep and timers only have
/// millisecond granularity, which at 1,000 requests per second would shift most sends by a large part of the
/// interval; clock_nanosleep with TIMER_ABSTIME wakes within the kernel's timer slack (about 50 µs) and never
/// accumulates drift, and it sleeps instead of spinning a core the servers under test need.
/// </summary>
internal static partial class MonotonicClock
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsoluteTime = 1;
    private const int Interrupted = 4; // EINTR
    private const long NanosecondsPerSecond = 1_000_000_000;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    public static long NowNanoseconds()
    {
        if (clock_gettime(ClockMonotonic, out var now) != 0)
        {
            throw new InvalidOperationException($"clock_gettime failed: errno {Marshal.GetLastPInvokeError()}");
        }
        return now.Seconds * NanosecondsPerSecond + now.Nanoseconds;
    }

    public static void SleepUntil(long nanoseconds)
    {
        var deadline = new TimeSpec { Seconds = nanoseconds / NanosecondsPerSecond, Nanoseconds = nanoseconds % NanosecondsPerSecond };
        int result;
        while ((result = clock_nanosleep(ClockMonotonic, TimerAbsoluteTime, in deadline, IntPtr.Zero)) == Interrupted)
        {
        }
        if (result != 0)
        {
            throw new InvalidOperationException($"clock_nanosleep failed: error {result}");
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int clock_gettime(int clockId, out TimeSpec time);

    // Returns the error number instead of setting errno.
    [LibraryImport("libc")]
    private static partial int clock_nanosleep(int clockId, int flags, in TimeSpec request, IntPtr remaining);
}
