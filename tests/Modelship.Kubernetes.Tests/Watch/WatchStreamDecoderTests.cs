using System.Text;
using System.Text.Json;
using k8s.Models;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Watch;

namespace Modelship.Kubernetes.Tests.Watch;

public sealed class WatchStreamDecoderTests
{
    private const string Stream = """
        {"type":"ADDED","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"a","namespace":"n","resourceVersion":"10"},"data":{"k":"ü ✓"}}}
        {"type":"MODIFIED","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"a","namespace":"n","resourceVersion":"11"}}}

        {"type":"BOOKMARK","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"resourceVersion":"15","creationTimestamp":null}}}
        {"type":"DELETED","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"a","namespace":"n","resourceVersion":"16"}}}
        {"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 5 (16)","reason":"Expired","code":410}}

        """;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Decodes_events_whatever_the_chunking(int chunkSize)
    {
        var events = await ReadAll(new ChunkedStream(Encoding.UTF8.GetBytes(Stream), chunkSize));

        events.Select(e => e.Type).Should().Equal(
            WatchEventType.Added, WatchEventType.Modified, WatchEventType.Bookmark, WatchEventType.Deleted, WatchEventType.Error);
        events[0].Object!.Data!["k"].Should().Be("ü ✓", "multi-byte characters split across chunks decode intact");
        events[2].ResourceVersion.Should().Be("15");
        events[3].Object!.Metadata.Name.Should().Be("a");
    }

    [Fact]
    public async Task An_ERROR_event_carries_the_Status_and_410_is_recognised_as_gone()
    {
        var events = await ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(Stream)));

        var error = events[^1];
        error.Object.Should().BeNull();
        error.ErrorStatus!.Code.Should().Be(410);
        error.ErrorStatus.Reason.Should().Be("Expired");
        error.IsGone.Should().BeTrue();
        events[0].IsGone.Should().BeFalse();
    }

    [Fact]
    public void A_bookmark_carries_only_its_resourceVersion()
    {
        var bookmark = WatchStreamDecoder.DecodeLine(
            """{"type":"BOOKMARK","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"resourceVersion":"42","creationTimestamp":null}}}""",
            KubernetesJsonContext.Default.V1ConfigMap);

        bookmark.Type.Should().Be(WatchEventType.Bookmark);
        bookmark.Object.Should().BeNull("a bookmark is no object of the kind; kinds with required fields could not even be read from it");
        bookmark.ResourceVersion.Should().Be("42");
    }

    [Fact]
    public void A_non_410_error_is_not_gone()
    {
        var e = WatchStreamDecoder.DecodeLine(
            """{"type":"ERROR","object":{"kind":"Status","status":"Failure","reason":"InternalError","code":500}}""",
            KubernetesJsonContext.Default.V1ConfigMap);

        e.IsGone.Should().BeFalse();
    }

    [Fact]
    public void Unknown_event_types_and_malformed_lines_are_errors()
    {
        var unknownType = () => WatchStreamDecoder.DecodeLine("""{"type":"SOMETHING","object":{}}""", KubernetesJsonContext.Default.V1ConfigMap);
        var noObject = () => WatchStreamDecoder.DecodeLine("""{"type":"ADDED"}""", KubernetesJsonContext.Default.V1ConfigMap);
        var notJson = () => WatchStreamDecoder.DecodeLine("""{"type":"ADD""", KubernetesJsonContext.Default.V1ConfigMap);

        unknownType.Should().Throw<JsonException>().WithMessage("*SOMETHING*");
        noObject.Should().Throw<JsonException>();
        notJson.Should().Throw<JsonException>();
    }

    private static async Task<List<WatchEvent<V1ConfigMap>>> ReadAll(Stream stream)
    {
        var result = new List<WatchEvent<V1ConfigMap>>();
        await foreach (var e in WatchStreamDecoder.ReadAsync(stream, KubernetesJsonContext.Default.V1ConfigMap, CancellationToken.None))
        {
            result.Add(e);
        }

        return result;
    }
}
