using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Tests.Fakes;
using KubernetesClientConfiguration = k8s.KubernetesClientConfiguration;

namespace Modelship.Kubernetes.Tests.Client;

/// <summary>A custom resource type with its own source-generated JSON context, plugged in through KubernetesJsonOptions.Create.</summary>
public sealed class CustomTypedKindFakeHandlerTests
{
    private static readonly ResourceType GadgetResource = new("example.com", "v1", "Gadget", "gadgets", Namespaced: true);

    [Fact]
    public async Task A_custom_kind_reads_and_applies_through_its_own_json_context()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(
            HttpStatusCode.OK,
            """{"apiVersion":"example.com/v1","kind":"Gadget","metadata":{"name":"g","namespace":"ns"},"spec":{"sizeInBytes":3,"later":true}}"""));
        using var client = new KubernetesClient(
            new KubernetesClientConfiguration { Host = "https://api.test" },
            new KubernetesClientOptions { SerializerOptions = KubernetesJsonOptions.Create(GadgetJsonContext.Default) },
            handler);
        var gadgets = client.For<Gadget>(GadgetResource);

        var read = await gadgets.GetAsync("ns", "g");
        await gadgets.ApplyAsync(new Gadget { Metadata = new V1ObjectMeta { Name = "g", NamespaceProperty = "ns" }, Spec = new GadgetSpec { SizeInBytes = 4 } });

        read.Spec!.SizeInBytes.Should().Be(3);
        read.Spec.Extra.Should().ContainKey("later");
        JsonNode.Parse(handler.Requests[1].Body!)!.ToJsonString().Should().Be(
            """{"apiVersion":"example.com/v1","kind":"Gadget","metadata":{"name":"g","namespace":"ns"},"spec":{"sizeInBytes":4}}""");
    }

    public sealed class Gadget : IKubernetesObject<V1ObjectMeta>
    {
        public string ApiVersion { get; set; } = "example.com/v1";

        public string Kind { get; set; } = "Gadget";

        public V1ObjectMeta Metadata { get; set; } = new();

        public GadgetSpec? Spec { get; set; }
    }

    public sealed class GadgetSpec
    {
        public long? SizeInBytes { get; set; }

        public string? Color { get; set; }

        [JsonExtensionData]
        public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CustomTypedKindFakeHandlerTests.Gadget))]
[JsonSerializable(typeof(KubernetesList<CustomTypedKindFakeHandlerTests.Gadget>))]
internal sealed partial class GadgetJsonContext : JsonSerializerContext;
