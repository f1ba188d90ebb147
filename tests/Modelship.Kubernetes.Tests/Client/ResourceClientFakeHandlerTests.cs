using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Tests.Fakes;
using KubernetesClientConfiguration = k8s.KubernetesClientConfiguration;

namespace Modelship.Kubernetes.Tests.Client;

/// <summary>What each verb puts on the wire, checked against a fake handler.</summary>
public sealed class ResourceClientFakeHandlerTests
{
    private const string ConfigMapJson = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"ns","resourceVersion":"7"},"data":{"k":"v"}}""";

    private static (KubernetesClient Client, FakeHttpHandler Handler) Create(
        Func<FakeHttpHandler.RecordedRequest, HttpResponseMessage>? respond = null, k8s.Authentication.ITokenProvider? tokens = null, KubernetesRetryPolicy? retry = null)
    {
        var handler = new FakeHttpHandler(respond ?? (_ => FakeHttpHandler.Json(HttpStatusCode.OK, ConfigMapJson)));
        var configuration = new KubernetesClientConfiguration { Host = "https://api.test:6443/prefix/", TokenProvider = tokens };
        var options = new KubernetesClientOptions { RetryPolicy = retry ?? KubernetesRetryPolicy.None };
        return (new KubernetesClient(configuration, options, handler), handler);
    }

    [Fact]
    public async Task Get_sends_GET_to_the_item_path_under_the_server_prefix()
    {
        var (client, handler) = Create();
        using var _ = client;

        var cm = await client.For<V1ConfigMap>().GetAsync("ns", "cm");

        cm.Data.Should().Contain("k", "v");
        handler.Requests.Should().ContainSingle();
        handler.Requests[0].Method.Should().Be(HttpMethod.Get);
        handler.Requests[0].Uri.Should().Be(new Uri("https://api.test:6443/prefix/api/v1/namespaces/ns/configmaps/cm"));
    }

    [Fact]
    public async Task List_sends_selectors_paging_and_resource_version()
    {
        var (client, handler) = Create(_ => FakeHttpHandler.Json(HttpStatusCode.OK, """{"metadata":{"resourceVersion":"9"},"items":[{"metadata":{"name":"a"}}]}"""));
        using var _ = client;

        var list = await client.For<V1ConfigMap>().ListAsync("ns", new ListOptions
        {
            LabelSelector = "app=web,tier in (a,b)",
            FieldSelector = "metadata.name=a",
            Limit = 10,
            Continue = "tok",
            ResourceVersion = "0",
        });

        handler.Requests[0].PathAndQuery.Should().Be(
            "/prefix/api/v1/namespaces/ns/configmaps?labelSelector=app%3Dweb%2Ctier%20in%20%28a%2Cb%29&fieldSelector=metadata.name%3Da&limit=10&continue=tok&resourceVersion=0");
        list.Items.Should().ContainSingle().Which.Kind.Should().Be("ConfigMap", "list items arrive without kind and get it filled in");
        list.Metadata.ResourceVersion.Should().Be("9");
    }

    [Fact]
    public async Task ListAll_follows_continue_tokens_and_keeps_the_first_pages_resource_version()
    {
        var (client, handler) = Create(request => request.PathAndQuery.Contains("continue=", StringComparison.Ordinal)
            ? FakeHttpHandler.Json(HttpStatusCode.OK, """{"metadata":{"resourceVersion":"100"},"items":[{"metadata":{"name":"b"}}]}""")
            : FakeHttpHandler.Json(HttpStatusCode.OK, """{"metadata":{"resourceVersion":"100","continue":"next"},"items":[{"metadata":{"name":"a"}}]}"""));
        using var _ = client;

        var all = await client.For<V1ConfigMap>().ListAllAsync(null, pageSize: 1);

        all.Items.Select(i => i.Metadata.Name).Should().Equal("a", "b");
        all.Metadata.ResourceVersion.Should().Be("100");
        all.Metadata.ContinueProperty.Should().BeNull();
        handler.Requests.Select(r => r.PathAndQuery).Should().Equal(
            "/prefix/api/v1/configmaps?limit=1",
            "/prefix/api/v1/configmaps?limit=1&continue=next");
    }

    [Fact]
    public async Task Apply_is_a_PATCH_with_apply_content_type_field_manager_and_force()
    {
        var (client, handler) = Create();
        using var _ = client;

        await client.For<V1ConfigMap>().ApplyAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm", NamespaceProperty = "ns" }, Data = new Dictionary<string, string> { ["k"] = "v" } },
            new ApplyOptions { Force = true });

        var request = handler.Requests.Single();
        request.Method.Should().Be(HttpMethod.Patch);
        request.ContentType.Should().Be("application/apply-patch+yaml");
        request.PathAndQuery.Should().Be("/prefix/api/v1/namespaces/ns/configmaps/cm?fieldManager=modelship&force=true");
        JsonNode.Parse(request.Body!)!.ToJsonString().Should().Be(
            """{"apiVersion":"v1","data":{"k":"v"},"kind":"ConfigMap","metadata":{"name":"cm","namespace":"ns"}}""",
            "null fields are not sent, so apply claims only what was set");
    }

    [Fact]
    public async Task Apply_status_targets_the_status_subresource_with_a_named_field_manager()
    {
        var (client, handler) = Create();
        using var _ = client;
        var widgets = new ResourceType("example.com", "v1", "Widget", "widgets", Namespaced: true);

        var widget = GenericObject.Create(widgets, "w", "ns");
        widget.Status = new JsonObject { ["ready"] = true };
        await client.For(widgets).ApplyStatusAsync(widget, new ApplyOptions { FieldManager = "other" });

        var request = handler.Requests.Single();
        request.PathAndQuery.Should().Be("/prefix/apis/example.com/v1/namespaces/ns/widgets/w/status?fieldManager=other");
        JsonNode.Parse(request.Body!)!["status"]!["ready"]!.GetValue<bool>().Should().BeTrue();
        JsonNode.Parse(request.Body!)!["apiVersion"]!.GetValue<string>().Should().Be("example.com/v1");
    }

    [Fact]
    public async Task Merge_patch_uses_the_merge_patch_content_type()
    {
        var (client, handler) = Create();
        using var _ = client;

        await client.For<V1ConfigMap>().MergePatchAsync("ns", "cm", new JsonObject { ["data"] = new JsonObject { ["k"] = null } });

        var request = handler.Requests.Single();
        request.Method.Should().Be(HttpMethod.Patch);
        request.ContentType.Should().Be("application/merge-patch+json");
        request.Body.Should().Be("""{"data":{"k":null}}""");
    }

    [Fact]
    public async Task Create_posts_to_the_collection_and_replace_puts_to_the_item()
    {
        var (client, handler) = Create();
        using var _ = client;
        var configMaps = client.For<V1ConfigMap>();

        var created = await configMaps.CreateAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm", NamespaceProperty = "ns" } });
        await configMaps.ReplaceAsync(created);

        handler.Requests[0].Method.Should().Be(HttpMethod.Post);
        handler.Requests[0].PathAndQuery.Should().Be("/prefix/api/v1/namespaces/ns/configmaps?fieldManager=modelship");
        handler.Requests[1].Method.Should().Be(HttpMethod.Put);
        handler.Requests[1].PathAndQuery.Should().Be("/prefix/api/v1/namespaces/ns/configmaps/cm?fieldManager=modelship");
        JsonNode.Parse(handler.Requests[1].Body!)!["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be("7");
    }

    [Fact]
    public async Task Delete_sends_propagation_policy_and_preconditions()
    {
        var (client, handler) = Create(_ => FakeHttpHandler.Json(HttpStatusCode.OK, """{"kind":"Status","status":"Success"}"""));
        using var _ = client;

        await client.For<V1Deployment>().DeleteAsync("ns", "web", new DeleteOptions
        {
            PropagationPolicy = PropagationPolicy.Foreground,
            PreconditionUid = "u-1",
            PreconditionResourceVersion = "42",
        });

        var request = handler.Requests.Single();
        request.Method.Should().Be(HttpMethod.Delete);
        request.PathAndQuery.Should().Be("/prefix/apis/apps/v1/namespaces/ns/deployments/web");
        var body = JsonNode.Parse(request.Body!)!;
        body["kind"]!.GetValue<string>().Should().Be("DeleteOptions");
        body["propagationPolicy"]!.GetValue<string>().Should().Be("Foreground");
        body["preconditions"]!["uid"]!.GetValue<string>().Should().Be("u-1");
        body["preconditions"]!["resourceVersion"]!.GetValue<string>().Should().Be("42");
    }

    [Fact]
    public async Task Errors_become_KubernetesApiException_and_GetOrNull_returns_null_on_not_found()
    {
        var (client, _) = Create(_ => FakeHttpHandler.Json(
            HttpStatusCode.NotFound, """{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","message":"configmaps \"cm\" not found","code":404}"""));
        using var __ = client;

        var act = () => client.For<V1ConfigMap>().GetAsync("ns", "cm");

        (await act.Should().ThrowAsync<KubernetesApiException>()).Which.IsNotFound.Should().BeTrue();
        (await client.For<V1ConfigMap>().GetOrNullAsync("ns", "cm")).Should().BeNull();
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_Retry_After_header()
    {
        var delays = new List<TimeSpan>();
        var calls = 0;
        var retry = new KubernetesRetryPolicy
        {
            Delay = (delay, _) =>
            {
                delays.Add(delay);
                return Task.CompletedTask;
            },
        };
        var (client, handler) = Create(
            _ =>
            {
                if (Interlocked.Increment(ref calls) > 1)
                {
                    return FakeHttpHandler.Json(HttpStatusCode.OK, ConfigMapJson);
                }

                var response = FakeHttpHandler.Json(HttpStatusCode.TooManyRequests, """{"kind":"Status","reason":"TooManyRequests","code":429}""");
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(4));
                return response;
            },
            retry: retry);
        using var _ = client;

        await client.For<V1ConfigMap>().CreateAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm", NamespaceProperty = "ns" } });

        handler.Requests.Should().HaveCount(2);
        handler.Requests[1].Body.Should().Be(handler.Requests[0].Body, "the body is sent again on retry");
        delays.Should().Equal(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task A_server_error_is_retried_for_get_but_not_for_create()
    {
        var calls = 0;
        var retry = new KubernetesRetryPolicy { Delay = (_, _) => Task.CompletedTask };
        var (client, handler) = Create(
            _ => Interlocked.Increment(ref calls) % 2 == 1
                ? FakeHttpHandler.Json(HttpStatusCode.InternalServerError, """{"kind":"Status","reason":"InternalError","code":500}""")
                : FakeHttpHandler.Json(HttpStatusCode.OK, ConfigMapJson),
            retry: retry);
        using var _ = client;
        var configMaps = client.For<V1ConfigMap>();

        await configMaps.GetAsync("ns", "cm");
        var create = () => configMaps.CreateAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm", NamespaceProperty = "ns" } });

        (await create.Should().ThrowAsync<KubernetesApiException>()).Which.Reason.Should().Be(KubernetesErrorReason.InternalError);
        handler.Requests.Select(r => r.Method).Should().Equal(HttpMethod.Get, HttpMethod.Get, HttpMethod.Post);
    }

    [Fact]
    public async Task A_request_that_exceeds_the_request_timeout_fails_with_TimeoutException()
    {
        var handler = new HangingHandler();
        using var client = new KubernetesClient(
            new KubernetesClientConfiguration { Host = "https://api.test" },
            new KubernetesClientOptions { RetryPolicy = KubernetesRetryPolicy.None, RequestTimeout = TimeSpan.FromMilliseconds(100) },
            handler);

        var act = () => client.For<V1ConfigMap>().GetAsync("ns", "cm");

        await act.Should().ThrowAsync<TimeoutException>();
    }

    [Fact]
    public async Task Caller_cancellation_is_reported_as_cancellation_not_timeout()
    {
        using var client = new KubernetesClient(
            new KubernetesClientConfiguration { Host = "https://api.test" }, new KubernetesClientOptions(), new HangingHandler());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var act = () => client.For<V1ConfigMap>().GetAsync("ns", "cm", cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Each_request_asks_the_token_provider_so_rotation_takes_effect()
    {
        var tokens = new RotatingTokenProvider();
        var (client, handler) = Create(tokens: tokens);
        using var _ = client;

        await client.For<V1ConfigMap>().GetAsync("ns", "cm");
        tokens.Current = "second";
        await client.For<V1ConfigMap>().GetAsync("ns", "cm");

        handler.Requests.Select(r => r.Authorization).Should().Equal("Bearer first", "Bearer second");
    }

    [Fact]
    public void A_type_without_json_contract_is_a_clear_error()
    {
        var (client, _) = Create();
        using var _ = client;

        var act = () => client.For<UnregisteredKind>(new ResourceType("x.dev", "v1", "Unregistered", "unregistereds", true));

        act.Should().Throw<InvalidOperationException>().WithMessage("*JsonSerializable*");
    }

    private sealed class HangingHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    private sealed class RotatingTokenProvider : k8s.Authentication.ITokenProvider
    {
        public string Current { get; set; } = "first";

        public Task<System.Net.Http.Headers.AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Current));
    }

    public sealed class UnregisteredKind : IKubernetesObject<V1ObjectMeta>
    {
        public string ApiVersion { get; set; } = "";

        public string Kind { get; set; } = "";

        public V1ObjectMeta Metadata { get; set; } = new();
    }
}
