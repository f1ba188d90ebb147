using System.Diagnostics;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.Routing;

public class BackgroundThreadTests
{
    private static readonly AsyncLocal<string?> RequestScoped = new();

    [Fact]
    public void A_background_thread_does_not_carry_the_context_of_the_request_that_started_it()
    {
        using var request = new Activity("request").Start();
        RequestScoped.Value = "request 1";
        (string? Local, Activity? Activity, bool Background) seen = default;

        var thread = BackgroundThread.Start("test worker", lowPriority: true, () =>
            seen = (RequestScoped.Value, Activity.Current, Thread.CurrentThread.IsBackground));
        thread.Join(TimeSpan.FromSeconds(10)).Should().BeTrue();

        seen.Local.Should().BeNull("an AsyncLocal of the starting request must not leak into the worker");
        seen.Activity.Should().BeNull("later shadow exchanges must not be parented to the first request's trace");
        seen.Background.Should().BeTrue();
        thread.Name.Should().Be("test worker");
    }
}
