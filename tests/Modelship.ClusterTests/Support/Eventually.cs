using System.Diagnostics;

namespace Modelship.ClusterTests.Support;

/// <summary>Waits for a positive signal: polls until the condition holds, else fails with what was last seen.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what, TimeSpan? interval = null)
        where T : class
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            if (stopwatch.Elapsed > timeout)
            {
                throw new TimeoutException($"not within {timeout.TotalSeconds:0} s: {what}");
            }
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(500));
        }
    }

    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan? interval = null) =>
        await ReturnsAsync<object>(async () => await condition() ? true : null, timeout, what, interval);
}
