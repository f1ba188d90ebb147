using System.Runtime.InteropServices;

namespace Modelship.Serving.Routing;

/// <summary>
/// Dedicated background threads for the router's work after the answer (shadows, inference log) at the lowest CPU
/// priority (Linux: nice 19 for the thread alone). On a busy CPU a request thread that wakes up preempts them at
/// once, instead of waiting behind them for its turn; on an idle CPU they run as fast as any other thread. They are
/// not thread-pool threads, so their blocking I/O never starves the pool the requests run on.
/// </summary>
public static partial class LowPriorityThread
{
    private const int PrioProcess = 0; // PRIO_PROCESS: on Linux, with a thread id, one thread
    private const int LowestNice = 19;

    /// <summary>Starts <paramref name="body"/> on a new background thread named <paramref name="name"/> that first lowers its own priority.</summary>
    public static Thread Start(string name, Action body)
    {
        var thread = new Thread(() =>
        {
            LowerCurrent();
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
    public static void LowerCurrent()
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
