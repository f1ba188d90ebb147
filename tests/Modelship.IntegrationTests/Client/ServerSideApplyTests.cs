using k8s.Models;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;

namespace Modelship.IntegrationTests.Client;

[Collection(SharedClusterCollection.Name)]
public sealed class ServerSideApplyTests(SharedClusterFixture fixture) : NamespacedTest(fixture.Cluster, "apply")
{
    [Fact]
    public async Task Two_field_managers_own_their_fields_a_conflict_is_typed_and_force_takes_ownership()
    {
        var configMaps = Client.For<V1ConfigMap>();
        await configMaps.ApplyAsync(Config(("model", "v1")), new ApplyOptions { FieldManager = "alpha" });
        var both = await configMaps.ApplyAsync(Config(("owner", "beta")), new ApplyOptions { FieldManager = "beta" });

        both.Data.Should().Equal(new Dictionary<string, string> { ["model"] = "v1", ["owner"] = "beta" });
        Managers(both).Should().BeEquivalentTo(["alpha", "beta"]);

        var steal = () => configMaps.ApplyAsync(Config(("owner", "beta"), ("model", "v2")), new ApplyOptions { FieldManager = "beta" });
        var conflict = (await steal.Should().ThrowAsync<KubernetesApiException>()).Which;
        conflict.IsConflict.Should().BeTrue();
        conflict.Causes.Should().Contain(cause => cause.Field == ".data.model" && cause.Message!.Contains("alpha"));
        (await configMaps.GetAsync(TestNamespace, "shared")).Data!["model"].Should().Be("v1", "a conflicting apply changes nothing");

        var forced = await configMaps.ApplyAsync(Config(("owner", "beta"), ("model", "v2")), new ApplyOptions { FieldManager = "beta", Force = true });
        forced.Data!["model"].Should().Be("v2");
        Managers(forced).Should().BeEquivalentTo(["beta"], "alpha lost its only field");
    }

    [Fact]
    public async Task Applying_a_field_away_removes_it_and_an_unchanged_apply_keeps_the_resourceVersion()
    {
        var configMaps = Client.For<V1ConfigMap>();
        var first = await configMaps.ApplyAsync(Config(("a", "1"), ("b", "2")));
        var same = await configMaps.ApplyAsync(Config(("a", "1"), ("b", "2")));
        same.Metadata.ResourceVersion.Should().Be(first.Metadata.ResourceVersion, "an apply that changes nothing writes nothing");

        var fewer = await configMaps.ApplyAsync(Config(("a", "1")));
        fewer.Data.Should().Equal(new Dictionary<string, string> { ["a"] = "1" });
        Managers(fewer).Should().Equal(KubernetesClientOptions.DefaultFieldManager);
    }

    private V1ConfigMap Config(params (string Key, string Value)[] data) => new()
    {
        Metadata = new V1ObjectMeta { Name = "shared", NamespaceProperty = TestNamespace },
        Data = data.ToDictionary(d => d.Key, d => d.Value),
    };

    private static IEnumerable<string> Managers(V1ConfigMap configMap) =>
        configMap.Metadata.ManagedFields!
            .Where(entry => entry.Operation == "Apply")
            .Select(entry => entry.Manager);
}
