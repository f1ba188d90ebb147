using System.Net;
using Modelship.Api.Routing;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.Routing;

public class RouterStopTests
{
    [Fact]
    public async Task While_stopping_with_a_connection_close_time_answers_still_come_and_tell_the_client_to_close_the_connection()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion");
        await using var router = await TestRouter.StartAsync(TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString())),
            new RouterOptions { ConnectionCloseTime = TimeSpan.FromSeconds(2) });
        using (var before = await router.InferAsync(TestRouter.IrisRequest))
        {
            before.StatusCode.Should().Be(HttpStatusCode.OK);
            before.Headers.ConnectionClose.Should().NotBe(true, "a running router keeps connections alive");
        }

        // StopAsync switches to closing before its first await, so the next request is answered in the close period.
        var stopping = router.Host.StopAsync();
        using (var during = await router.InferAsync(TestRouter.IrisRequest))
        {
            during.StatusCode.Should().Be(HttpStatusCode.OK, "a stopping router still answers");
            during.Headers.ConnectionClose.Should().BeTrue("each answer tells the client to leave the connection");
        }
        stopping.IsCompleted.Should().BeFalse("the router serves for the whole connection close time before it stops");
        await stopping;
    }

    [Fact]
    public async Task Without_a_connection_close_time_the_router_stops_at_once()
    {
        await using var router = await TestRouter.StartAsync(TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, TestRouter.UnreachableUrl())));
        var stopping = router.Host.StopAsync();
        (await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(1)))).Should().BeSameAs(stopping);
    }
}
