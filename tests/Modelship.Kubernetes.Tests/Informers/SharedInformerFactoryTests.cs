using System.Net;
using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Tests.Fakes;
using Modelship.Kubernetes.Watch;
using KubernetesClientConfiguration = k8s.KubernetesClientConfiguration;

namespace Modelship.Kubernetes.Tests.Informers;

public sealed class SharedInformerFactoryTests
{
    private const string RouterSelector = "app.kubernetes.io/component=router";

    private static (KubernetesClient Client, FakeHttpHandler Handler) Create()
    {
        // Lists answer one pod; watches end at once (the watcher reconnects after a short backoff).
        var handler = new FakeHttpHandler(request => request.Uri.Query.Contains("watch=true", StringComparison.Ordinal)
            ? FakeHttpHandler.Json(HttpStatusCode.OK, "")
            : FakeHttpHandler.Json(HttpStatusCode.OK, """{"metadata":{"resourceVersion":"5"},"items":[{"metadata":{"name":"router-a","namespace":"ns","labels":{"app.kubernetes.io/component":"router"}}}]}"""));
        var configuration = new KubernetesClientConfiguration { Host = "https://api.test:6443/" };
        return (new KubernetesClient(configuration, new KubernetesClientOptions { RetryPolicy = KubernetesRetryPolicy.None }, handler), handler);
    }

    [Fact]
    public void Equal_options_share_one_informer_and_a_selector_gets_its_own()
    {
        var (client, _) = Create();
        using var _client = client;
        var factory = new SharedInformerFactory(client);

        var routers = factory.For<V1Pod>(new InformerOptions { LabelSelector = RouterSelector });

        factory.For<V1Pod>(new InformerOptions { LabelSelector = RouterSelector }).Should().BeSameAs(routers);
        factory.For<V1Pod>().Should().NotBeSameAs(routers);
        factory.For<V1Pod>(new InformerOptions()).Should().BeSameAs(factory.For<V1Pod>(), "no selector is the unfiltered informer");
        factory.For<V1Pod>(new InformerOptions { LabelSelector = "app.kubernetes.io/component=runtime" }).Should().NotBeSameAs(routers);
        factory.Informers.Should().HaveCount(3);
    }

    [Fact]
    public async Task A_selected_informer_sends_its_selector_with_every_list_and_watch()
    {
        var (client, handler) = Create();
        using var _client = client;
        await using var factory = new SharedInformerFactory(client, new SharedInformerFactoryOptions { Namespaces = ["ns"] });
        var routers = factory.For<V1Pod>(new InformerOptions { LabelSelector = RouterSelector });
        using var stop = new CancellationTokenSource();

        factory.Start(stop.Token);
        await routers.WaitForCacheSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        await WaitForAsync(() => handler.Requests.Any(IsWatch));
        await stop.CancelAsync();

        routers.Cache.List().Select(p => p.Metadata.Name).Should().Equal("router-a");
        var requests = handler.Requests;
        requests.Should().Contain(r => !IsWatch(r)).And.Contain(r => IsWatch(r));
        requests.Should().OnlyContain(r => Uri.UnescapeDataString(r.Uri.Query).Contains($"labelSelector={RouterSelector}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_factory_wide_selector_and_the_informer_selector_must_both_match()
    {
        var (client, handler) = Create();
        using var _client = client;
        await using var factory = new SharedInformerFactory(client, new SharedInformerFactoryOptions
        {
            ListWatcherOptions = new ListWatcherOptions { LabelSelector = "team=risk" },
        });
        var routers = factory.For<V1Pod>(new InformerOptions { LabelSelector = RouterSelector });
        using var stop = new CancellationTokenSource();

        factory.Start(stop.Token);
        await routers.WaitForCacheSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        await stop.CancelAsync();

        Uri.UnescapeDataString(handler.Requests[0].Uri.Query).Should().Contain($"labelSelector=team=risk,{RouterSelector}");
    }

    private static bool IsWatch(FakeHttpHandler.RecordedRequest request) => request.Uri.Query.Contains("watch=true", StringComparison.Ordinal);

    private static Task WaitForAsync(Func<bool> condition) => Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(5), "the condition should hold within 5 s");
}
