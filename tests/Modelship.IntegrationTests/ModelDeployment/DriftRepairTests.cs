using k8s;
using k8s.Models;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Xunit.Abstractions;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// What someone else changes in a child, on a field the operator manages, is reverted on the child's watch event; a
/// deleted child is recreated. Each repair is one apply of that child and nothing else (status and Events aside),
/// after which a reconcile writes nothing.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class DriftRepairTests(SharedClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>A change as <c>kubectl edit</c> makes it (read, change, update), and how to tell it was undone.</summary>
    private sealed record Edit(string Plural, string Name, Func<ModelDeploymentOperator, Task> Change, Func<ModelDeploymentOperator, Task<bool>> Repaired);

    private static readonly Dictionary<string, Edit> Edits = new()
    {
        ["runtime-deployment-image"] = new("deployments", "iris-v1",
            op => Update<V1Deployment>(op, "iris-v1", d => d.Spec!.Template!.Spec!.Containers![0].Image = "registry.example/evil:1"),
            async op => (await op.Deployments.GetAsync(op.Namespace, "iris-v1")).Spec!.Template!.Spec!.Containers![0].Image == new ModelDeploymentBuildOptions().Image),
        ["runtime-deployment-replicas"] = new("deployments", "iris-v1",
            op => Update<V1Deployment>(op, "iris-v1", d => d.Spec!.Replicas = 3),
            async op => (await op.Deployments.GetAsync(op.Namespace, "iris-v1")).Spec!.Replicas == 1),
        ["router-deployment"] = new("deployments", "iris-router",
            op => Update<V1Deployment>(op, "iris-router", d => d.Spec!.Template!.Spec!.Containers![0].Image = "registry.example/evil:1"),
            async op => (await op.Deployments.GetAsync(op.Namespace, "iris-router")).Spec!.Template!.Spec!.Containers![0].Image == new ModelDeploymentBuildOptions().Image),
        ["endpoint-service-ports"] = new("services", "iris",
            op => Update<V1Service>(op, "iris", s => s.Spec!.Ports![0].TargetPort = 9999),
            async op => (await op.Client.For<V1Service>().GetAsync(op.Namespace, "iris")).Spec!.Ports!.All(p => p.TargetPort?.Value != "9999")),
        ["runtime-service-ports"] = new("services", "iris-v1",
            op => Update<V1Service>(op, "iris-v1", s => s.Spec!.Ports![0].TargetPort = 9999),
            async op => (await op.Client.For<V1Service>().GetAsync(op.Namespace, "iris-v1")).Spec!.Ports!.All(p => p.TargetPort?.Value != "9999")),
        // The same table, written differently: the operator takes the data back without a new generation.
        ["routing-configmap-data"] = new("configmaps", "iris-routing",
            op => Update<V1ConfigMap>(op, "iris-routing", c => c.Data![RoutingTableConventions.ConfigMapKey] = "  " + c.Data[RoutingTableConventions.ConfigMapKey]),
            async op => !(await op.Client.For<V1ConfigMap>().GetAsync(op.Namespace, "iris-routing")).Data![RoutingTableConventions.ConfigMapKey].StartsWith(' ')),
        ["router-serviceaccount"] = new("serviceaccounts", "iris-router",
            op => Update<V1ServiceAccount>(op, "iris-router", a => a.AutomountServiceAccountToken = true),
            async op => (await op.Client.For<V1ServiceAccount>().GetAsync(op.Namespace, "iris-router")).AutomountServiceAccountToken == false),
        ["router-rolebinding"] = new("rolebindings", "iris-router",
            op => Update<V1RoleBinding>(op, "iris-router", b => b.Subjects!.Add(new Rbacv1Subject { Kind = "ServiceAccount", Name = "default", NamespaceProperty = op.Namespace })),
            async op => (await op.Client.For<V1RoleBinding>().GetAsync(op.Namespace, "iris-router")).Subjects!.Select(s => s.Name).SequenceEqual(["iris-router"])),
    };

    public static TheoryData<string> EditNames => [.. Edits.Keys];

    [Theory]
    [MemberData(nameof(EditNames))]
    public async Task An_edit_of_a_field_the_operator_manages_is_reverted_with_one_apply(string name)
    {
        var edit = Edits[name];
        await using var op = await StartActiveAsync($"drift-{name}");
        var before = op.Writes.Writes.Count;

        await edit.Change(op);
        await Eventually.HoldsAsync(() => edit.Repaired(op), Wait, $"{name} reverted");
        await SettleAsync(op);

        AssertOneChildWrite(op, before, edit.Plural, edit.Name, name);
    }

    [Fact]
    public async Task A_routing_table_changed_by_someone_else_is_replaced_by_the_operators_own()
    {
        await using var op = await StartActiveAsync("drift-table");
        var table = (await op.RoutingTableAsync("iris"))!;
        var before = op.Writes.Writes.Count;

        await Update<V1ConfigMap>(op, "iris-routing", c => c.Data![RoutingTableConventions.ConfigMapKey] = System.Text.Json.JsonSerializer.Serialize(
            table with { Backends = [table.Backends[0] with { Url = "http://attacker.example" }] }, RoutingTableJsonContext.Default.RoutingTable));

        await Eventually.HoldsAsync(async () => (await op.RoutingTableAsync("iris"))?.Backends.Single().Url == table.Backends[0].Url, Wait, "the operator's table is back");
        var repaired = (await op.RoutingTableAsync("iris"))!;
        repaired.Generation.Should().BeGreaterThan(table.Generation, "routers must load it again");
        await SettleAsync(op);
        AssertOneChildWrite(op, before, "configmaps", "iris-routing", "tampered table");
    }

    public static TheoryData<string, string> Children => new()
    {
        { "deployments", "iris-v1" },
        { "deployments", "iris-router" },
        { "services", "iris" },
        { "services", "iris-v1" },
        { "configmaps", "iris-routing" },
        { "serviceaccounts", "iris-router" },
        { "rolebindings", "iris-router" },
    };

    [Theory]
    [MemberData(nameof(Children))]
    public async Task A_deleted_child_is_recreated_with_one_apply(string plural, string name)
    {
        await using var op = await StartActiveAsync($"drift-delete-{plural}");
        var before = op.Writes.Writes.Count;
        var client = Client(op, plural);

        await client.Delete(name);

        await Eventually.HoldsAsync(async () => await client.Exists(name), Wait, $"{plural}/{name} recreated");
        await SettleAsync(op);
        AssertOneChildWrite(op, before, plural, name, $"{plural}/{name} deleted");
    }

    /// <summary>iris at v1, Active, and settled: a reconcile that started after all of it has finished.</summary>
    private async Task<ModelDeploymentOperator> StartActiveAsync(string prefix)
    {
        var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync(prefix));
        await ModelDeploymentControllerTests.ActivateV1Async(op);
        await op.TouchAndWaitForReconcileAsync("iris", Wait);
        return op;
    }

    /// <summary>
    /// Plays the Deployment controller for a changed or recreated runtime and the router for a recreated table, then
    /// waits for a reconcile of the settled state.
    /// </summary>
    private static async Task SettleAsync(ModelDeploymentOperator op)
    {
        await op.MarkAvailableAsync("iris-v1");
        await op.AcknowledgeAsync("iris-router-a", (await op.RoutingTableAsync("iris"))!.Generation);
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status?.Phase == ModelDeploymentPhase.Active, Wait, "iris Active again");
        await op.TouchAndWaitForReconcileAsync("iris", Wait);
    }

    private void AssertOneChildWrite(ModelDeploymentOperator op, int before, string plural, string name, string because)
    {
        var writes = op.Writes.Writes.Skip(before).ToList();
        output.WriteLine($"{because}: {writes.Count} writes: {string.Join(", ", writes)}");
        writes.Where(w => !w.Contains("/events", StringComparison.Ordinal) && !w.EndsWith("/status", StringComparison.Ordinal))
            .Should().ContainSingle(because).Which.Should().EndWith($"/{plural}/{name}");
    }

    private static async Task Update<T>(ModelDeploymentOperator op, string name, Action<T> change)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var live = await op.Client.For<T>().GetAsync(op.Namespace, name);
        change(live);
        await op.Client.For<T>().ReplaceAsync(live);
    }

    private static (Func<string, Task> Delete, Func<string, Task<bool>> Exists) Client(ModelDeploymentOperator op, string plural)
    {
        (Func<string, Task>, Func<string, Task<bool>>) For<T>()
            where T : class, IKubernetesObject<V1ObjectMeta>
        {
            var client = op.Client.For<T>();
            return (name => client.DeleteAsync(op.Namespace, name), async name => await client.GetOrNullAsync(op.Namespace, name) is not null);
        }
        return plural switch
        {
            "deployments" => For<V1Deployment>(),
            "services" => For<V1Service>(),
            "configmaps" => For<V1ConfigMap>(),
            "serviceaccounts" => For<V1ServiceAccount>(),
            "rolebindings" => For<V1RoleBinding>(),
            _ => throw new ArgumentOutOfRangeException(nameof(plural), plural, null),
        };
    }
}
