using System.Runtime.InteropServices;

namespace Modelship.Serving.Routing;

/// <summary>
/// Dedicated threads for the router's work after the answer (shadows, inference log). They are not thread-pool
/// threads: their blocking I/O never holds a pool thread, and their work adds no work items (and no wake-ups of
/// spinning pool workers) to the pool the requests run on. The shadows' threads also run at a low CPU priority
/// (Linux: nice 10 for the thread alone, a ninth of a normal thread's weight): on a busy CPU a request thread that
/// wakes up preempts them instead of waiting behind them; on an idle CPU they run as fast as any other thread, and
/// when the CPU is saturated they fall behind and their bounded queue drops (counted). Not nice 19: a garbage
/// collection waits until every thread running managed code reaches a safe point, and a thread preempted there waits
/// longer for a CPU the lower its priority (with nice-19 shadows, under heavy load from other processes, one 8 s run
/// showed 2.2 s of collection pauses; we did not see that at nice 10).
/// </summary>
public static partial class BackgroundThread
{
    private const int PrioProcess = 0; // PRIO_PROCESS: on Linux, with a thread id, one thread
    private const int BackgroundNice = 10; // weight 110 against 1024 for nice 0

    /// <summary>Starts <paramref name="body"/> on a new background thread named <paramref name="name"/>, which first lowers its own priority when <paramref name="lowPriority"/>.</summary>
    public static Thread Start(string name, bool lowPriority, Action body)
    {
        var thread = new Thread(() =>
        {
            if (lowPriority)
            {
                LowerCurrentPriority();
            }
            body();
        })
        {
            IsBackground = true,
            Name = name,
        };
        // UnsafeStart: the thread must not carry the execution context of whoever started it (the first request that
        // needed a shadow or a log line, with its AsyncLocals and its Activity, to which every later exchange would be parented).
        thread.UnsafeStart();
        return thread;
    }

    /// <summary>Lowers the calling thread's CPU priority; a failure leaves it as it was (it only costs latency).</summary>
    public static void LowerCurrentPriority()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                _ = setpriority(PrioProcess, gettid(), BackgroundNice);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // A libc without gettid (glibc < 2.30): the thread keeps the process's priority.
            }
        }
        else
        {
            Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
        }
    }

    [LibraryImport("libc")]
    private static partial int gettid();

    [LibraryImport("libc")]
    private static partial int setpriority(int which, int who, int priority);
}
