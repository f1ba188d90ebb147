using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;

namespace Modelship.IntegrationTests.Client;

[Collection(SharedClusterCollection.Name)]
public sealed class TypedObjectCrudTests(SharedClusterFixture fixture) : NamespacedTest(fixture.Cluster, "crud")
{
    [Fact]
    public async Task ConfigMap_create_get_replace_merge_patch_delete()
    {
        var configMaps = Client.For<V1ConfigMap>();
        var created = await configMaps.CreateAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "settings", NamespaceProperty = TestNamespace, Labels = new Dictionary<string, string> { ["app"] = "crud" } },
            Data = new Dictionary<string, string> { ["a"] = "1" },
        });
        created.Metadata.Uid.Should().NotBeNullOrEmpty();

        created.Data!["b"] = "2";
        var replaced = await configMaps.ReplaceAsync(created);
        replaced.Data.Should().Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });
        replaced.Metadata.ResourceVersion.Should().NotBe(created.Metadata.ResourceVersion);

        var patched = await configMaps.MergePatchAsync(TestNamespace, "settings", JsonNode.Parse("""{"data":{"a":null,"c":"3"}}""")!);
        patched.Data.Should().Equal(new Dictionary<string, string> { ["b"] = "2", ["c"] = "3" });

        (await configMaps.GetAsync(TestNamespace, "settings")).Data.Should().Equal(patched.Data);

        await configMaps.DeleteAsync(TestNamespace, "settings");
        (await configMaps.GetOrNullAsync(TestNamespace, "settings")).Should().BeNull();
        var getDeleted = () => configMaps.GetAsync(TestNamespace, "settings");
        (await getDeleted.Should().ThrowAsync<KubernetesApiException>()).Which.IsNotFound.Should().BeTrue();
    }

    [Fact]
    public async Task Replace_with_a_stale_resourceVersion_is_a_Conflict()
    {
        var configMaps = Client.For<V1ConfigMap>();
        var created = await configMaps.CreateAsync(new V1ConfigMap { Metadata = new() { Name = "stale", NamespaceProperty = TestNamespace }, Data = new Dictionary<string, string> { ["a"] = "1" } });
        await configMaps.MergePatchAsync(TestNamespace, "stale", JsonNode.Parse("""{"data":{"a":"2"}}""")!);

        var replace = () => configMaps.ReplaceAsync(created);

        var error = (await replace.Should().ThrowAsync<KubernetesApiException>()).Which;
        error.IsConflict.Should().BeTrue();
        ((int)error.StatusCode).Should().Be(409);
    }

    [Fact]
    public async Task Create_twice_is_AlreadyExists_and_an_invalid_object_is_Invalid_with_causes()
    {
        var configMaps = Client.For<V1ConfigMap>();
        await configMaps.CreateAsync(new V1ConfigMap { Metadata = new() { Name = "twice", NamespaceProperty = TestNamespace } });

        var again = () => configMaps.CreateAsync(new V1ConfigMap { Metadata = new() { Name = "twice", NamespaceProperty = TestNamespace } });
        (await again.Should().ThrowAsync<KubernetesApiException>()).Which.IsAlreadyExists.Should().BeTrue();

        var invalid = () => configMaps.CreateAsync(new V1ConfigMap { Metadata = new() { Name = "Not_A_Valid_Name", NamespaceProperty = TestNamespace } });
        var error = (await invalid.Should().ThrowAsync<KubernetesApiException>()).Which;
        error.IsInvalid.Should().BeTrue();
        error.Causes.Should().Contain(cause => cause.Field == "metadata.name");
    }

    [Fact]
    public async Task Service_round_trip()
    {
        var services = Client.For<V1Service>();
        var created = await services.CreateAsync(new V1Service
        {
            Metadata = new() { Name = "iris", NamespaceProperty = TestNamespace },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app"] = "iris" },
                Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = 8080 }],
            },
        });

        created.Spec!.ClusterIP.Should().NotBeNullOrEmpty("the server allocates one");
        var read = await services.GetAsync(TestNamespace, "iris");
        read.Spec!.Ports!.Single().TargetPort!.Value.Should().Be("8080");
        await services.DeleteAsync(TestNamespace, "iris");
        (await services.GetOrNullAsync(TestNamespace, "iris")).Should().BeNull();
    }

    [Fact]
    public async Task Deployment_with_status_subresource_and_unknown_fields_surviving()
    {
        var deployments = Client.For<V1Deployment>();
        var created = await deployments.CreateAsync(Deployment("runtime"));
        created.Metadata.Generation.Should().Be(1);

        // kube-apiserver fills defaults we did not set (e.g. spec.template.spec.dnsPolicy); a replace must keep them.
        created.Spec!.Template!.Spec!.DnsPolicy.Should().Be("ClusterFirst");
        created.Spec.Replicas = 3;
        var replaced = await deployments.ReplaceAsync(created);
        replaced.Spec!.Template!.Spec!.DnsPolicy.Should().Be("ClusterFirst");
        replaced.Metadata.Generation.Should().Be(2);

        replaced.Status = new V1DeploymentStatus { ObservedGeneration = 2, Replicas = 3, UpdatedReplicas = 3, ReadyReplicas = 3, AvailableReplicas = 3 };
        var withStatus = await deployments.ReplaceStatusAsync(replaced);
        withStatus.Status!.AvailableReplicas.Should().Be(3);
        withStatus.Metadata.Generation.Should().Be(2, "a status write does not bump the generation");

        var status = await deployments.GetStatusAsync(TestNamespace, "runtime");
        status.Status!.ObservedGeneration.Should().Be(2);

        var patched = await deployments.MergePatchStatusAsync(TestNamespace, "runtime", JsonNode.Parse("""{"status":{"readyReplicas":2,"availableReplicas":2}}""")!);
        patched.Status!.ReadyReplicas.Should().Be(2);
        patched.Status.UpdatedReplicas.Should().Be(3, "a merge patch leaves other fields alone");

        await deployments.DeleteAsync(TestNamespace, "runtime", new DeleteOptions { PropagationPolicy = PropagationPolicy.Foreground });
        await Eventually.HoldsAsync(async () => await deployments.GetOrNullAsync(TestNamespace, "runtime") is null || (await deployments.GetAsync(TestNamespace, "runtime")).Metadata.DeletionTimestamp is not null,
            TimeSpan.FromSeconds(10), "the deployment is deleted or being deleted");
    }

    [Fact]
    public async Task Pod_is_readable_and_listable_by_label_and_field_selector()
    {
        // Tests play the kubelet: pods are created by hand, then read the way the operator reads router pods.
        var pods = Client.For<V1Pod>();
        foreach (var (name, role) in new[] { ("router-a", "router"), ("router-b", "router"), ("runtime-a", "runtime") })
        {
            await pods.CreateAsync(new V1Pod
            {
                Metadata = new() { Name = name, NamespaceProperty = TestNamespace, Labels = new Dictionary<string, string> { ["role"] = role }, Annotations = new Dictionary<string, string> { ["modelship.dev/routing-generation"] = "7" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "modelship:test" }] },
            });
        }

        var routers = await pods.ListAsync(TestNamespace, new ListOptions { LabelSelector = "role=router" });
        routers.Items.Select(p => p.Metadata.Name).Should().BeEquivalentTo(["router-a", "router-b"]);

        var one = await pods.ListAsync(TestNamespace, new ListOptions { FieldSelector = "metadata.name=runtime-a" });
        one.Items.Should().ContainSingle().Which.Metadata.Annotations!["modelship.dev/routing-generation"].Should().Be("7");

        var read = await pods.GetAsync(TestNamespace, "router-a");
        read.Status!.Phase.Should().Be("Pending");
    }

    [Fact]
    public async Task List_pages_with_limit_and_continue()
    {
        var configMaps = Client.For<V1ConfigMap>();
        for (var i = 0; i < 7; i++)
        {
            await configMaps.CreateAsync(new V1ConfigMap { Metadata = new() { Name = $"page-{i}", NamespaceProperty = TestNamespace } });
        }

        var first = await configMaps.ListAsync(TestNamespace, new ListOptions { Limit = 3 });
        first.Items.Should().HaveCount(3);
        first.Metadata.ContinueProperty.Should().NotBeNullOrEmpty();
        var second = await configMaps.ListAsync(TestNamespace, new ListOptions { Limit = 3, Continue = first.Metadata.ContinueProperty });
        second.Items.Should().HaveCount(3);
        second.Items.Select(c => c.Metadata.Name).Should().NotIntersectWith(first.Items.Select(c => c.Metadata.Name));

        var all = await configMaps.ListAllAsync(TestNamespace, new ListOptions { Limit = 2 });
        all.Items.Where(c => c.Metadata.Name!.StartsWith("page-", StringComparison.Ordinal)).Should().HaveCount(7);
    }

    [Fact]
    public async Task Lease_round_trip()
    {
        var leases = Client.For<V1Lease>();
        var now = DateTime.UtcNow;
        await leases.CreateAsync(new V1Lease
        {
            Metadata = new() { Name = "modelship-leader", NamespaceProperty = TestNamespace },
            Spec = new V1LeaseSpec { HolderIdentity = "replica-1", LeaseDurationSeconds = 15, AcquireTime = now, RenewTime = now, LeaseTransitions = 0 },
        });

        var read = await leases.GetAsync(TestNamespace, "modelship-leader");
        read.Spec!.HolderIdentity.Should().Be("replica-1");
        read.Spec.RenewTime!.Value.Should().BeCloseTo(now, TimeSpan.FromSeconds(1), "MicroTime keeps sub-second precision");
        read.Spec.HolderIdentity = "replica-2";
        (await leases.ReplaceAsync(read)).Spec!.HolderIdentity.Should().Be("replica-2");
    }

    [Fact]
    public async Task Event_round_trip()
    {
        var events = Client.For<Corev1Event>();
        var now = DateTime.UtcNow;
        await events.CreateAsync(new Corev1Event
        {
            Metadata = new() { Name = "iris.1", NamespaceProperty = TestNamespace },
            InvolvedObject = new V1ObjectReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "iris", NamespaceProperty = TestNamespace },
            Reason = "Deployed",
            Message = "model v1 is serving",
            Type = "Normal",
            Count = 1,
            FirstTimestamp = now,
            LastTimestamp = now,
            Source = new V1EventSource { Component = "modelship" },
        });

        var patched = await events.MergePatchAsync(TestNamespace, "iris.1", JsonNode.Parse("""{"count":2}""")!);
        patched.Count.Should().Be(2);
        patched.InvolvedObject!.Name.Should().Be("iris");
    }

    [Fact]
    public async Task Namespace_create_get_delete()
    {
        var namespaces = Client.For<V1Namespace>();
        var name = $"ns-{Guid.NewGuid():N}"[..20];
        await namespaces.CreateAsync(new V1Namespace { Metadata = new() { Name = name } });

        (await namespaces.GetAsync(null, name)).Status!.Phase.Should().Be("Active");
        await namespaces.DeleteAsync(null, name);
        // No controller-manager runs here, so the namespace stays Terminating instead of disappearing.
        (await namespaces.GetAsync(null, name)).Status!.Phase.Should().Be("Terminating");
    }

    [Fact]
    public async Task A_token_that_RBAC_forbids_is_the_typed_Forbidden_error()
    {
        using var unprivileged = fixture.Cluster.UnprivilegedClient();

        var list = () => unprivileged.For<V1ConfigMap>().ListAsync(TestNamespace);

        var error = (await list.Should().ThrowAsync<KubernetesApiException>()).Which;
        error.IsForbidden.Should().BeTrue();
        error.Reason.Should().Be(KubernetesErrorReason.Forbidden);
        ((int)error.StatusCode).Should().Be(403);
        error.Message.Should().Contain(TestCluster.TestCluster.UnprivilegedUser).And.Contain("configmaps");
    }

    [Fact]
    public async Task An_unknown_token_is_the_typed_Unauthorized_error()
    {
        using var stranger = new KubernetesClient(Modelship.Kubernetes.Config.KubeconfigLoader.Parse(fixture.Cluster.Kubeconfig("stranger", "not-a-token")));

        var list = () => stranger.For<V1ConfigMap>().ListAsync(TestNamespace);

        (await list.Should().ThrowAsync<KubernetesApiException>()).Which.IsUnauthorized.Should().BeTrue();
    }

    private V1Deployment Deployment(string name) => new()
    {
        Metadata = new() { Name = name, NamespaceProperty = TestNamespace },
        Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new() { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "runtime", Image = "modelship:test", Args = ["runtime"] }] },
            },
        },
    };
}
