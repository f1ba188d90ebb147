using System.Net;
using System.Text.Json.Nodes;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Events;
using Modelship.Kubernetes.Tests.Fakes;
using Modelship.Kubernetes.Tests.Informers;
using KubernetesClientConfiguration = k8s.KubernetesClientConfiguration;
using ManualClock = Modelship.Testing.ManualTimeProvider;

namespace Modelship.Kubernetes.Tests.Events;

public sealed class EventRecorderTests : IDisposable
{
    private readonly ManualClock _time = new();
    private readonly HashSet<string> _deletedEvents = [];
    private readonly FakeHttpHandler _handler;
    private readonly KubernetesClient _client;
    private readonly EventRecorder _recorder;
    private bool _failEverything;

    public EventRecorderTests()
    {
        _handler = new FakeHttpHandler(Respond);
        _client = new KubernetesClient(
            new KubernetesClientConfiguration { Host = "https://apiserver.test" },
            new KubernetesClientOptions { RetryPolicy = KubernetesRetryPolicy.None },
            _handler);
        _recorder = new EventRecorder(_client, new EventRecorderOptions { TimeProvider = _time, Instance = "pod-1" });
    }

    [Fact]
    public async Task The_first_event_is_created_on_the_involved_object()
    {
        var involved = TestObjects.ConfigMap("ns", "model-a");

        await _recorder.RecordAsync(involved, EventType.Warning, "RolloutStalled", "runtime v2 not ready");

        var request = _handler.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be(HttpMethod.Post);
        request.PathAndQuery.Should().StartWith("/api/v1/namespaces/ns/events");
        var body = JsonNode.Parse(request.Body!)!;
        body["involvedObject"]!["kind"]!.GetValue<string>().Should().Be("ConfigMap");
        body["involvedObject"]!["name"]!.GetValue<string>().Should().Be("model-a");
        body["involvedObject"]!["uid"]!.GetValue<string>().Should().Be("uid-ns-model-a");
        body["reason"]!.GetValue<string>().Should().Be("RolloutStalled");
        body["message"]!.GetValue<string>().Should().Be("runtime v2 not ready");
        body["type"]!.GetValue<string>().Should().Be("Warning");
        body["source"]!["component"]!.GetValue<string>().Should().Be("modelship");
        body["count"]!.GetValue<int>().Should().Be(1);
        body["metadata"]!["name"]!.GetValue<string>().Should().StartWith("model-a.");
    }

    [Fact]
    public async Task A_repeat_patches_count_and_last_timestamp_of_the_same_event()
    {
        var involved = TestObjects.ConfigMap("ns", "model-a");
        await _recorder.RecordAsync(involved, EventType.Normal, "Scaled", "to 3");
        _time.Advance(TimeSpan.FromMinutes(2));
        await _recorder.RecordAsync(involved, EventType.Normal, "Scaled", "to 3");
        await _recorder.RecordAsync(involved, EventType.Normal, "Scaled", "to 3");

        var requests = _handler.Requests;
        requests.Select(r => r.Method).Should().Equal(HttpMethod.Post, HttpMethod.Patch, HttpMethod.Patch);
        var createdName = JsonNode.Parse(requests[0].Body!)!["metadata"]!["name"]!.GetValue<string>();
        requests[1].Uri.AbsolutePath.Should().Be($"/api/v1/namespaces/ns/events/{createdName}");
        requests[1].ContentType.Should().Be("application/merge-patch+json");
        var patch = JsonNode.Parse(requests[1].Body!)!;
        patch["count"]!.GetValue<int>().Should().Be(2);
        patch["lastTimestamp"]!.GetValue<string>().Should().Be("2026-01-01T00:02:00Z");
        JsonNode.Parse(requests[2].Body!)!["count"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task A_different_message_reason_type_or_object_is_a_new_event()
    {
        var a = TestObjects.ConfigMap("ns", "a");
        await _recorder.RecordAsync(a, EventType.Normal, "Scaled", "to 3");
        await _recorder.RecordAsync(a, EventType.Normal, "Scaled", "to 4");
        await _recorder.RecordAsync(a, EventType.Normal, "Rolled", "to 4");
        await _recorder.RecordAsync(a, EventType.Warning, "Rolled", "to 4");
        await _recorder.RecordAsync(TestObjects.ConfigMap("ns", "b"), EventType.Warning, "Rolled", "to 4");

        _handler.Requests.Should().HaveCount(5).And.OnlyContain(r => r.Method == HttpMethod.Post);
        _handler.Requests.Select(r => JsonNode.Parse(r.Body!)!["metadata"]!["name"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task When_the_cached_event_is_gone_a_new_one_is_created()
    {
        var involved = TestObjects.ConfigMap("ns", "a");
        await _recorder.RecordAsync(involved, EventType.Normal, "Scaled", "to 3");
        _deletedEvents.Add(JsonNode.Parse(_handler.Requests[0].Body!)!["metadata"]!["name"]!.GetValue<string>());

        await _recorder.RecordAsync(involved, EventType.Normal, "Scaled", "to 3");

        _handler.Requests.Select(r => r.Method).Should().Equal(HttpMethod.Post, HttpMethod.Patch, HttpMethod.Post);
        JsonNode.Parse(_handler.Requests[2].Body!)!["count"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task Failures_are_swallowed()
    {
        _failEverything = true;

        var record = () => _recorder.RecordAsync(TestObjects.ConfigMap("ns", "a"), EventType.Normal, "Scaled", "to 3");

        await record.Should().NotThrowAsync();
        _handler.Requests.Should().NotBeEmpty();
    }

    public void Dispose()
    {
        _recorder.Dispose();
        _client.Dispose();
    }

    private HttpResponseMessage Respond(FakeHttpHandler.RecordedRequest request)
    {
        if (_failEverything)
        {
            return FakeHttpHandler.Json(HttpStatusCode.InternalServerError, """{"kind":"Status","status":"Failure","reason":"InternalError","code":500}""");
        }

        if (request.Method == HttpMethod.Post)
        {
            return FakeHttpHandler.Json(HttpStatusCode.Created, request.Body!);
        }

        var name = request.Uri.AbsolutePath.Split('/')[^1];
        return _deletedEvents.Contains(name)
            ? FakeHttpHandler.Json(HttpStatusCode.NotFound, """{"kind":"Status","status":"Failure","reason":"NotFound","code":404}""")
            : FakeHttpHandler.Json(HttpStatusCode.OK, $$$"""{"kind":"Event","apiVersion":"v1","metadata":{"name":"{{{name}}}","namespace":"ns"}}""");
    }
}
