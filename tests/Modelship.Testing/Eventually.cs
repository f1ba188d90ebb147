using System.Diagnostics;

namespace Modelship.Testing;

/// <summary>
/// Waits for a positive signal: polls a condition until it holds, and fails with <c>because</c> when it has not held
/// within the timeout (10 s unless given). Tests that prove an absence wait for a signal that the work they expect
/// not to change anything has happened first, then check.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    public static Task HoldsAsync(Func<bool> condition, string because = "the condition (see the stack trace) should hold by now") =>
        HoldsAsync(() => Task.FromResult(condition()), DefaultTimeout, because);

    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, string because) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, because);

    public static Task HoldsAsync(Func<Task<bool>> condition, string because) => HoldsAsync(condition, DefaultTimeout, because);

    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        var limit = timeout;
        var watch = Stopwatch.StartNew();
        while (!await condition().ConfigureAwait(false))
        {
            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"not within {limit.TotalSeconds:0.#} s: {because}");
            }

            await Task.Delay(Poll).ConfigureAwait(false);
        }
    }

    /// <summary>Polls until <paramref name="read"/> returns a value, and returns it.</summary>
    public static Task<T> ReturnsAsync<T>(Func<Task<T?>> read, string because)
        where T : class =>
        ReturnsAsync(read, DefaultTimeout, because);

    /// <summary>Polls until <paramref name="read"/> returns a value, and returns it.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> read, TimeSpan timeout, string because)
        where T : class
    {
        T? value = null;
        await HoldsAsync(async () => (value = await read().ConfigureAwait(false)) is not null, timeout, because).ConfigureAwait(false);
        return value!;
    }
}
