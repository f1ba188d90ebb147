using k8s.Models;
using Microsoft.AspNetCore.Http;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Watch;

namespace Modelship.Kubernetes.Tests.Watch;

/// <summary>The list-then-watch loop against a scripted API server over real HTTP.</summary>
public sealed class ListWatcherTests
{
    private static readonly ListWatcherOptions FastOptions = new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
        IdleTimeout = TimeSpan.FromSeconds(30),
        WatchTimeout = TimeSpan.FromSeconds(60),
    };

    [Fact]
    public async Task Lists_then_watches_from_the_list_version_and_resumes_from_the_latest_version_after_a_close()
    {
        await using var server = await ScriptedApiServer.StartAsync();
        server.OnList = (_, context) => ScriptedApiServer.WriteListAsync(context, "10", "a", "b");
        server.OnWatch = async (index, context) =>
        {
            if (index == 0)
            {
                await ScriptedApiServer.WriteLineAsync(context, ScriptedApiServer.Event("ADDED", "c", "11"));
                await ScriptedApiServer.WriteLineAsync(context, ScriptedApiServer.Event("MODIFIED", "a", "12"));
                await ScriptedApiServer.WriteLineAsync(context, ScriptedApiServer.Bookmark("15"));
            }
            else
            {
                await ScriptedApiServer.WriteLineAsync(context, ScriptedApiServer.Event("DELETED", "b", "16"));
                await ScriptedApiServer.HoldOpenAsync(context);
            }
        };
        using var client = server.CreateClient();
        var watcher = client.For<V1ConfigMap>().ListWatch("ns", FastOptions);

        var events = await TakeAsync(watcher, 4);

        events.Select(e => (e.Type, e.Object?.Metadata.Name, e.ResourceVersion)).Should().Equal(
            (ListWatchEventType.Snapshot, null, "10"),
            (ListWatchEventType.Added, "c", "11"),
            (ListWatchEventType.Modified, "a", "12"),
            (ListWatchEventType.Deleted, "b", "16"));
        events[0].Items.Select(i => i.Metadata.Name).Should().Equal("a", "b");
        server.Lists.Should().HaveCount(1, "a closed stream is resumed, not relisted");
        server.Watches.Select(q => q["resourceVersion"].ToString()).Should().Equal("10", "15");
        server.Watches[0]["allowWatchBookmarks"].ToString().Should().Be("true");
        server.Watches[0]["timeoutSeconds"].ToString().Should().Be("60");
        watcher.ResourceVersion.Should().Be("16");
    }

    [Fact]
    public async Task An_expired_error_event_relists_and_delivers_a_fresh_snapshot()
    {
        await using var server = await ScriptedApiServer.StartAsync();
        server.OnList = (index, context) => index == 0
            ? ScriptedApiServer.WriteListAsync(context, "10", "a", "b")
            : ScriptedApiServer.WriteListAsync(context, "50", "b", "z");
        server.OnWatch = async (index, context) =>
        {
            if (index == 0)
            {
                await ScriptedApiServer.WriteLineAsync(context, ScriptedApiServer.Event("MODIFIED", "a", "11"));
                await ScriptedApiServer.WriteLineAsync(context, ScriptedApiServer.ExpiredError);
            }
            else
            {
                await ScriptedApiServer.WriteLineAsync(context, ScriptedApiServer.Event("ADDED", "y", "51"));
            }

            await ScriptedApiServer.HoldOpenAsync(context);
        };
        using var client = server.CreateClient();

        var events = await TakeAsync(client.For<V1ConfigMap>().ListWatch("ns", FastOptions), 4);

        events.Select(e => e.Type).Should().Equal(
            ListWatchEventType.Snapshot, ListWatchEventType.Modified, ListWatchEventType.Snapshot, ListWatchEventType.Added);
        events[2].Items.Select(i => i.Metadata.Name).Should().Equal("b", "z");
        events[2].ResourceVersion.Should().Be("50");
        server.Watches.Select(q => q["resourceVersion"].ToString()).Should().Equal("10", "50");
    }

    [Fact]
    public async Task Http_410_when_connecting_the_watch_relists()
    {
        await using var server = await ScriptedApiServer.StartAsync();
        server.OnList = (index, context) => ScriptedApiServer.WriteListAsync(context, index == 0 ? "10" : "60", "a");
        server.OnWatch = (index, context) => index == 0
            ? ScriptedApiServer.RespondGoneAsync(context)
            : ScriptedApiServer.HoldOpenAsync(context);
        using var client = server.CreateClient();

        var events = await TakeAsync(client.For<V1ConfigMap>().ListWatch("ns", FastOptions), 2);

        events.Select(e => (e.Type, e.ResourceVersion)).Should().Equal(
            (ListWatchEventType.Snapshot, "10"),
            (ListWatchEventType.Snapshot, "60"));
    }

    [Fact]
    public async Task A_silent_connection_is_replaced_after_the_idle_timeout_without_relisting()
    {
        await using var server = await ScriptedApiServer.StartAsync();
        server.OnList = (_, context) => ScriptedApiServer.WriteListAsync(context, "10", "a");
        server.OnWatch = async (index, context) =>
        {
            if (index == 1)
            {
                await ScriptedApiServer.WriteLineAsync(context, ScriptedApiServer.Event("ADDED", "late", "11"));
            }

            // Hold the connection open without a byte, like a half-open TCP connection.
            await ScriptedApiServer.HoldOpenAsync(context);
        };
        using var client = server.CreateClient();

        var events = await TakeAsync(client.For<V1ConfigMap>().ListWatch("ns", FastOptions with { IdleTimeout = TimeSpan.FromMilliseconds(300) }), 2);

        events[1].Object!.Metadata.Name.Should().Be("late");
        server.Lists.Should().HaveCount(1);
        server.Watches.Select(q => q["resourceVersion"].ToString()).Should().StartWith(["10", "10"]);
    }

    [Fact]
    public async Task A_slow_consumer_does_not_count_as_an_idle_connection()
    {
        await using var server = await ScriptedApiServer.StartAsync();
        server.OnList = (_, context) => ScriptedApiServer.WriteListAsync(context, "10");
        server.OnWatch = async (index, context) =>
        {
            await ScriptedApiServer.WriteLineAsync(context, ScriptedApiServer.Event("ADDED", "first", "11"));
            await ScriptedApiServer.WriteLineAsync(context, ScriptedApiServer.Event("ADDED", "second", "12"));
            await ScriptedApiServer.HoldOpenAsync(context);
        };
        using var client = server.CreateClient();
        var watcher = client.For<V1ConfigMap>().ListWatch("ns", FastOptions with { IdleTimeout = TimeSpan.FromMilliseconds(300) });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var names = new List<string?>();
        await foreach (var e in watcher.WatchAsync(timeout.Token))
        {
            names.Add(e.Object?.Metadata.Name);
            if (names.Count == 3)
            {
                break;
            }

            // Longer than the idle timeout, while the next event is already waiting in the stream.
            await Task.Delay(700);
        }

        names.Should().Equal(null, "first", "second");
        server.Watches.Should().HaveCount(1);
    }

    [Fact]
    public async Task Server_errors_on_list_and_watch_are_retried_until_they_pass()
    {
        await using var server = await ScriptedApiServer.StartAsync();
        server.OnList = (index, context) =>
        {
            if (index < 2)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            }

            return ScriptedApiServer.WriteListAsync(context, "10", "a");
        };
        server.OnWatch = async (index, context) =>
        {
            if (index < 2)
            {
                context.Abort();
                return;
            }

            await ScriptedApiServer.WriteLineAsync(context, ScriptedApiServer.Event("ADDED", "b", "11"));
            await ScriptedApiServer.HoldOpenAsync(context);
        };
        using var client = server.CreateClient();

        var events = await TakeAsync(client.For<V1ConfigMap>().ListWatch("ns", FastOptions), 2);

        events.Select(e => e.Type).Should().Equal(ListWatchEventType.Snapshot, ListWatchEventType.Added);
        server.Lists.Should().HaveCount(3);
        server.Watches.Select(q => q["resourceVersion"].ToString()).Should().Equal("10", "10", "10");
    }

    [Fact]
    public async Task Cancellation_ends_the_enumeration_and_nothing_starts_before_enumerating()
    {
        await using var server = await ScriptedApiServer.StartAsync();
        server.OnList = (_, context) => ScriptedApiServer.WriteListAsync(context, "10");
        server.OnWatch = (_, context) => ScriptedApiServer.HoldOpenAsync(context);
        using var client = server.CreateClient();

        var watcher = client.For<V1ConfigMap>().ListWatch("ns", FastOptions);
        await Task.Delay(100);
        server.Lists.Should().BeEmpty();

        using var cts = new CancellationTokenSource();
        var act = async () =>
        {
            await foreach (var e in watcher.WatchAsync(cts.Token))
            {
                cts.CancelAfter(100);
            }
        };

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    private static async Task<List<ListWatchEvent<V1ConfigMap>>> TakeAsync(ListWatcher<V1ConfigMap> watcher, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<ListWatchEvent<V1ConfigMap>>();
        await foreach (var e in watcher.WatchAsync(timeout.Token))
        {
            events.Add(e);
            if (events.Count == count)
            {
                break;
            }
        }

        return events;
    }
}
