using System.Diagnostics;

namespace Modelship.Serving.Tests.Routing;

/// <summary>Waits for work the router finishes after answering (shadows, metrics, file reloads).</summary>
internal static class Eventually
{
    public static async Task WaitUntilAsync(Func<bool> condition, string because = "the router should have done it by now")
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), because);
            await Task.Delay(20);
        }
    }
}
