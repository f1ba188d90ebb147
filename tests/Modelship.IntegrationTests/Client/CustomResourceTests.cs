using System.Text.Json.Nodes;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;

namespace Modelship.IntegrationTests.Client;

[Collection(SharedClusterCollection.Name)]
public sealed class CustomResourceTests(SharedClusterFixture fixture) : NamespacedTest(fixture.Cluster, "custom")
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await WidgetCrd.InstallAsync(Client);
    }

    [Fact]
    public async Task Custom_object_crud_with_status_subresource()
    {
        var widgets = Client.For(WidgetCrd.Resource);
        var widget = GenericObject.Create(WidgetCrd.Resource, "w1", TestNamespace);
        widget.Spec = new JsonObject { ["size"] = 3, ["color"] = "blue" };
        var created = await widgets.CreateAsync(widget);
        created.Metadata.Generation.Should().Be(1);
        created.Spec!["size"]!.GetValue<int>().Should().Be(3);

        created.Status = new JsonObject { ["phase"] = "Ready" };
        var withStatus = await widgets.ReplaceStatusAsync(created);
        withStatus.Status!["phase"]!.GetValue<string>().Should().Be("Ready");
        withStatus.Metadata.Generation.Should().Be(1, "status writes do not bump the generation");

        withStatus.Spec!["size"] = 4;
        withStatus.Status = new JsonObject { ["phase"] = "Ignored" };
        var replaced = await widgets.ReplaceAsync(withStatus);
        replaced.Metadata.Generation.Should().Be(2);
        replaced.Status!["phase"]!.GetValue<string>().Should().Be("Ready", "the main resource ignores status when the subresource is on");

        var patched = await widgets.MergePatchStatusAsync(TestNamespace, "w1", JsonNode.Parse("""{"status":{"observedGeneration":2}}""")!);
        patched.Status!["observedGeneration"]!.GetValue<long>().Should().Be(2);

        var statusApply = GenericObject.Create(WidgetCrd.Resource, "w1", TestNamespace);
        statusApply.Status = new JsonObject { ["phase"] = "Applied" };
        var applied = await widgets.ApplyStatusAsync(statusApply, new ApplyOptions { Force = true });
        applied.Status!["phase"]!.GetValue<string>().Should().Be("Applied");

        (await widgets.GetStatusAsync(TestNamespace, "w1")).Status!["phase"]!.GetValue<string>().Should().Be("Applied");
        (await widgets.ListAsync(TestNamespace)).Items.Should().ContainSingle();

        await widgets.DeleteAsync(TestNamespace, "w1");
        (await widgets.GetOrNullAsync(TestNamespace, "w1")).Should().BeNull();
    }

    [Fact]
    public async Task The_schema_rejects_an_invalid_custom_object_with_causes()
    {
        var widget = GenericObject.Create(WidgetCrd.Resource, "bad", TestNamespace);
        widget.Spec = new JsonObject { ["size"] = 1000 };

        var create = () => Client.For(WidgetCrd.Resource).CreateAsync(widget);

        var error = (await create.Should().ThrowAsync<KubernetesApiException>()).Which;
        error.IsInvalid.Should().BeTrue();
        error.Causes.Should().Contain(cause => cause.Field == "spec.size");
    }
}
