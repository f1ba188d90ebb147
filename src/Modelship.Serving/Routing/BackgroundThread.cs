using System.Runtime.InteropServices;

namespace Modelship.Serving.Routing;

/// <summary>
/// Dedicated threads for the router's work after the answer (shadows, inference log). They are not thread-pool
/// threads: their blocking I/O never holds a pool thread, and their work adds no work items (and no wake-ups of
/// spinning pool workers) to the pool the requests run on. The shadows' threads also run at the lowest CPU priority
/// (Linux: nice 19 for the thread alone): on a busy CPU a request thread that wakes up preempts them at once instead of
/// waiting behind them; on an idle CPU they run as fast as any other thread, and when the CPU is saturated they fall
/// behind and their bounded queue drops (counted).
/// </summary>
public static partial class BackgroundThread
{
    private const int PrioProcess = 0; // PRIO_PROCESS: on Linux, with a thread id, one thread
    private const int LowestNice = 19;

    /// <summary>Starts <paramref name="body"/> on a new background thread named <paramref name="name"/>, which first lowers its own priority when <paramref name="lowestPriority"/>.</summary>
    public static Thread Start(string name, bool lowestPriority, Action body)
    {
        var thread = new Thread(() =>
        {
            if (lowestPriority)
            {
                LowerCurrentPriority();
            }
            body();
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return thread;
    }

    /// <summary>Lowers the calling thread's CPU priority; a failure leaves it as it was (it only costs latency).</summary>
    public static void LowerCurrentPriority()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                _ = setpriority(PrioProcess, gettid(), LowestNice);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // A libc without gettid (glibc < 2.30): the thread keeps the process's priority.
            }
        }
        else
        {
            Thread.CurrentThread.Priority = ThreadPriority.Lowest;
        }
    }

    [LibraryImport("libc")]
    private static partial int gettid();

    [LibraryImport("libc")]
    private static partial int setpriority(int which, int who, int priority);
}
