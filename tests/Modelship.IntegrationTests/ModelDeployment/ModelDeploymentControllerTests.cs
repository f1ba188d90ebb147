using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Modelship.Api.Conditions;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.IntegrationTests.ModelDeployment;

[Collection(SharedClusterCollection.Name)]
public sealed class ModelDeploymentControllerTests(SharedClusterFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Create_builds_owned_children_and_routes_only_once_the_champion_is_available()
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-create"));
        var created = await op.ModelDeployments.CreateAsync(ModelDeploymentSpecs.Iris(op.Namespace));

        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v1") is not null
            && await op.Deployments.GetOrNullAsync(op.Namespace, "iris-router") is not null
            && await op.Client.For<V1Service>().GetOrNullAsync(op.Namespace, "iris") is not null
            && await op.Client.For<V1Service>().GetOrNullAsync(op.Namespace, "iris-v1") is not null
            && await op.Client.For<V1ServiceAccount>().GetOrNullAsync(op.Namespace, "iris-router") is not null
            && await op.Client.For<V1RoleBinding>().GetOrNullAsync(op.Namespace, "iris-router") is not null, Wait, "runtime, router, services and the router's identity exist");
        (await op.Deployments.GetAsync(op.Namespace, "iris-router")).Spec!.Template!.Spec!.ServiceAccountName.Should().Be("iris-router");
        var binding = await op.Client.For<V1RoleBinding>().GetAsync(op.Namespace, "iris-router");
        binding.RoleRef.Name.Should().Be("modelship-router");
        binding.Subjects.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = "ServiceAccount", Name = "iris-router", NamespaceProperty = op.Namespace });
        (await op.RoutingTableAsync("iris")).Should().BeNull("v1 is not Available yet");
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status?.ModelSummary == "v1 (deploying)", Wait, "kubectl get shows the version being deployed");
        (await op.GetAsync("iris")).Status!.Phase.Should().Be(ModelDeploymentPhase.Deploying);

        await op.MarkAvailableAsync("iris-v1");
        await Eventually.HoldsAsync(async () => (await op.RoutingTableAsync("iris"))?.Champion?.Version == "v1", Wait, "the table routes to v1");
        await op.AssertTableNamesOnlyAvailableVersionsAsync("iris");
        var pod = await op.CreateReadyRouterPodAsync("iris", "iris-router-a");
        var table = (await op.RoutingTableAsync("iris"))!;
        await op.AcknowledgeAsync(pod, table.Generation);

        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status?.Phase == ModelDeploymentPhase.Active, Wait, "phase Active");
        var status = (await op.GetAsync("iris")).Status!;
        ConditionList.IsTrue(status.Conditions, ConditionTypes.Ready).Should().BeTrue();
        status.ServedGeneration.Should().Be(table.Generation);
        status.RoutingGeneration.Should().Be(table.Generation);
        status.ServedSince.Should().NotBeNull("the instant the routers served the table is persisted, for drains and pauses to survive a restart");
        status.Endpoint.Should().Be($"http://iris.{op.Namespace}.svc.cluster.local");
        status.ActiveModel!.Version.Should().Be("v1");
        status.ModelSummary.Should().Be("v1");
        status.Traffic.Should().ContainSingle().Which.Weight.Should().Be(100);
        await AssertEveryChildIsOwnedAsync(op, created.Metadata.Uid!);
    }

    [Fact]
    public async Task Replacement_walks_to_the_new_version_and_only_ever_routes_to_available_versions()
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-replace"));
        var pod = await ActivateV1Async(op);

        await PatchSpecAsync(op, new JsonObject { ["model"] = new JsonObject { ["uri"] = "https://models.example.com/iris/v2.onnx", ["version"] = "v2" }, ["replacement"] = new JsonObject { ["reason"] = "DATA_DRIFT" } });
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v2") is not null, Wait, "v2 Deployment created");
        (await op.RoutingTableAsync("iris"))!.Backends.Select(b => b.Version).Should().Equal("v1");
        await op.AssertTableNamesOnlyAvailableVersionsAsync("iris");
        // The status is written after the children.
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status?.PendingModel?.Version == "v2", Wait, "v2 recorded as the pending model");

        await op.MarkAvailableAsync("iris-v2");
        await Eventually.HoldsAsync(async () => (await op.RoutingTableAsync("iris"))?.Champion?.Version == "v2", Wait, "the table routes to v2");
        await op.AssertTableNamesOnlyAvailableVersionsAsync("iris");
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status?.ReplacementValidation is not null, Wait, "the replacement checks recorded");
        var validation = (await op.GetAsync("iris")).Status!.ReplacementValidation!;
        validation.Status.Should().Be(ValidationResult.Passing);
        validation.Checks.Should().ContainKey("signature");
        (await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v1")).Should().NotBeNull("routers have not acknowledged yet");

        await op.AcknowledgeAsync(pod, (await op.RoutingTableAsync("iris"))!.Generation);
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v1") is null
            && await op.Client.For<V1Service>().GetOrNullAsync(op.Namespace, "iris-v1") is null, Wait, "v1 deleted after the drain");
        // The status that records the completed replacement is written right after the deletes.
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status?.ActiveModel?.Version == "v2", Wait, "v2 recorded as the active model");
        var status = (await op.GetAsync("iris")).Status!;
        status.ActiveModel!.Version.Should().Be("v2");
        status.PendingModel.Should().BeNull();
        status.History!.Select(h => (h.Version, h.Outcome)).Should().Equal(("v2", HistoryOutcome.Active), ("v1", HistoryOutcome.Replaced));
        status.History![0].Reason.Should().Be(ReplacementReason.DataDrift);
        (await op.EventsAsync("iris")).Should().Contain(e => e.Reason == ConditionReasons.RolloutComplete);
    }

    [Fact]
    public async Task A_version_that_never_becomes_available_keeps_the_old_model_and_degrades()
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-deadline"));
        await ActivateV1Async(op);

        await PatchSpecAsync(op, new JsonObject { ["model"] = new JsonObject { ["uri"] = "https://models.example.com/iris/v2.onnx", ["version"] = "v2" }, ["rollout"] = new JsonObject { ["progressDeadlineSeconds"] = 2 } });
        await Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync("iris")).Status?.Conditions, ConditionTypes.Degraded) is { Status: ConditionStatus.True, Reason: ConditionReasons.ProgressDeadlineExceeded }, Wait, "Degraded: ProgressDeadlineExceeded");

        var status = (await op.GetAsync("iris")).Status!;
        ConditionList.Find(status.Conditions, ConditionTypes.Degraded)!.Message.Should().Contain("did not become Available");
        status.ActiveModel!.Version.Should().Be("v1");
        status.History![0].Should().Match<ModelHistoryEntry>(h => h.Version == "v2" && h.Outcome == HistoryOutcome.Failed && h.Message!.Contains(ConditionReasons.ProgressDeadlineExceeded));
        (await op.RoutingTableAsync("iris"))!.Backends.Select(b => b.Version).Should().Equal("v1");
        (await op.EventsAsync("iris")).Should().Contain(e => e.Reason == ConditionReasons.ProgressDeadlineExceeded && e.Type == "Warning");
    }

    [Fact]
    public async Task A_canary_that_fails_analysis_rolls_back_with_fake_analysis()
    {
        var analysis = new FakeRolloutAnalysis { Verdict = Operator.Controllers.ModelDeployment.Rollout.AnalysisVerdict.Failing("error rate 0.30 above 0.05") };
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-canary"), analysis);
        var pod = await ActivateV1Async(op);

        await PatchSpecAsync(op, new JsonObject
        {
            ["model"] = new JsonObject { ["uri"] = "https://models.example.com/iris/v2.onnx", ["version"] = "v2" },
            ["rollout"] = new JsonObject { ["strategy"] = "Canary", ["steps"] = new JsonArray(new JsonObject { ["weight"] = 20 }), ["analysis"] = new JsonObject { ["maxErrorRate"] = 0.05 } },
        });
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v2") is not null, Wait, "v2 Deployment created");
        await op.MarkAvailableAsync("iris-v2");
        await Eventually.HoldsAsync(async () => (await op.RoutingTableAsync("iris"))?.Backends.Any(b => b.Version == "v2" && b.Weight == 20) == true, Wait, "canary at 20%");
        await op.AssertTableNamesOnlyAvailableVersionsAsync("iris");

        // The router serves whichever table is newest, so the simulated one acknowledges the latest generation each time.
        await Eventually.HoldsAsync(async () =>
        {
            var table = await op.RoutingTableAsync("iris");
            if (table is null)
            {
                return false;
            }

            if (table.Backends.Select(b => b.Version).SequenceEqual(["v1"]))
            {
                return true;
            }

            await op.AcknowledgeAsync(pod, table.Generation);
            return false;
        }, Wait, "traffic back on v1 only");

        // The routing table goes back to v1 in the same reconcile that writes the status, but before it.
        await Eventually.HoldsAsync(
            async () => ConditionList.Find((await op.GetAsync("iris")).Status?.Conditions, ConditionTypes.Degraded)?.Status == ConditionStatus.True, Wait, "Degraded");
        var status = (await op.GetAsync("iris")).Status!;
        ConditionList.Find(status.Conditions, ConditionTypes.Degraded).Should().Match<Api.Conditions.Condition>(c => c.Status == ConditionStatus.True && c.Reason == ConditionReasons.RolloutAborted && c.Message!.Contains("error rate"));
        status.ActiveModel!.Version.Should().Be("v1");
        status.History![0].Version.Should().Be("v2");
        status.History![0].Outcome.Should().Be(HistoryOutcome.Failed);
    }

    [Fact]
    public async Task A_missing_router_cluster_role_degrades_the_modeldeployment_until_it_is_installed()
    {
        var role = $"modelship-router-{Guid.NewGuid():N}";
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-norole"), build: new ModelDeploymentBuildOptions { RouterClusterRole = role });
        await op.ModelDeployments.CreateAsync(ModelDeploymentSpecs.Iris(op.Namespace));

        await Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync("iris")).Status?.Conditions, ConditionTypes.Degraded) is { Status: ConditionStatus.True, Reason: ConditionReasons.RouterClusterRoleMissing }, Wait, "Degraded: RouterClusterRoleMissing");
        ConditionList.Find((await op.GetAsync("iris")).Status!.Conditions, ConditionTypes.Degraded)!.Message.Should().Contain($"ClusterRole {role} does not exist");
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("iris")).Any(e => e.Type == "Warning" && e.Reason == ConditionReasons.RouterClusterRoleMissing), Wait, "a Warning Event");

        await op.Client.For<V1ClusterRole>().CreateAsync(new V1ClusterRole { Metadata = new V1ObjectMeta { Name = role }, Rules = [] });
        await Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync("iris")).Status?.Conditions, ConditionTypes.Degraded)?.Status == ConditionStatus.False,
            Operator.Controllers.ModelDeployment.RouterClusterRoleCheck.RecheckAfter + Wait, "no longer Degraded once the role exists");
    }

    [Fact]
    public async Task Suspend_scales_to_zero_and_resume_restores()
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-suspend"));
        await op.ModelDeployments.CreateAsync(ModelDeploymentSpecs.Iris(op.Namespace, change: s => s with { Replicas = 2 }));
        await Eventually.HoldsAsync(async () => (await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v1"))?.Spec?.Replicas == 2, Wait, "2 replicas");

        await PatchSpecAsync(op, new JsonObject { ["suspend"] = true });
        await Eventually.HoldsAsync(async () => (await op.Deployments.GetAsync(op.Namespace, "iris-v1")).Spec!.Replicas == 0
            && (await op.Deployments.GetAsync(op.Namespace, "iris-router")).Spec!.Replicas == 0
            && (await op.GetAsync("iris")).Status?.Phase == ModelDeploymentPhase.Stopped, Wait, "scaled to zero and Stopped");
        ConditionList.Find((await op.GetAsync("iris")).Status!.Conditions, ConditionTypes.Suspended)!.Status.Should().Be(ConditionStatus.True);

        await PatchSpecAsync(op, new JsonObject { ["suspend"] = false });
        await Eventually.HoldsAsync(async () => (await op.Deployments.GetAsync(op.Namespace, "iris-v1")).Spec!.Replicas == 2
            && (await op.Deployments.GetAsync(op.Namespace, "iris-router")).Spec!.Replicas == 1
            && ConditionList.Find((await op.GetAsync("iris")).Status?.Conditions, ConditionTypes.Suspended)?.Status == ConditionStatus.False, Wait, "restored");

        // Events are recorded after the status write that they describe, so the status can be seen first.
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("iris")).Any(e => e.Reason == "Resumed"), Wait, "a Resumed event");
        (await op.EventsAsync("iris")).Select(e => e.Reason).Should().Contain(["Suspended", "Resumed"]);
    }

    [Fact]
    public async Task Suspend_during_a_canary_stops_old_and_new_versions_and_resume_continues_safely()
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-suspend-rollout"));
        await ActivateV1Async(op);
        await PatchSpecAsync(op, new JsonObject
        {
            ["model"] = new JsonObject { ["uri"] = "https://models.example.com/iris/v2.onnx", ["version"] = "v2" },
            ["rollout"] = new JsonObject { ["strategy"] = "Canary", ["steps"] = new JsonArray(new JsonObject { ["weight"] = 20 }), ["progressDeadlineSeconds"] = 3 },
        });
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v2") is not null, Wait, "v2 Deployment created");
        await op.MarkAvailableAsync("iris-v2");
        await Eventually.HoldsAsync(async () => (await op.RoutingTableAsync("iris"))?.Backends.Any(b => b.Version == "v2" && b.Weight == 20) == true, Wait, "canary at 20%");

        await PatchSpecAsync(op, new JsonObject { ["suspend"] = true });
        await Eventually.HoldsAsync(async () => (await op.Deployments.GetAsync(op.Namespace, "iris-v1")).Spec!.Replicas == 0
            && (await op.Deployments.GetAsync(op.Namespace, "iris-v2")).Spec!.Replicas == 0
            && (await op.Deployments.GetAsync(op.Namespace, "iris-router")).Spec!.Replicas == 0
            && (await op.GetAsync("iris")).Status?.Phase == ModelDeploymentPhase.Stopped, Wait, "old and new versions and the router at zero, Stopped");
        (await op.RoutingTableAsync("iris"))!.Backends.Select(b => b.Version).Should().NotContain("v2", "a canary that is scaled to zero takes no share");
        (await op.GetAsync("iris")).Status!.PendingModel!.Version.Should().Be("v2", "the replacement is paused, not abandoned");
        await Task.Delay(TimeSpan.FromSeconds(4)); // longer than progressDeadlineSeconds

        await PatchSpecAsync(op, new JsonObject { ["suspend"] = false });
        await Eventually.HoldsAsync(async () => (await op.Deployments.GetAsync(op.Namespace, "iris-v1")).Spec!.Replicas == 1
            && (await op.Deployments.GetAsync(op.Namespace, "iris-v2")).Spec!.Replicas == 1
            && (await op.Deployments.GetAsync(op.Namespace, "iris-router")).Spec!.Replicas == 1, Wait, "both versions and the router scaled back up");
        var resumed = (await op.GetAsync("iris")).Status!;
        resumed.PendingModel!.Version.Should().Be("v2");
        ConditionList.Find(resumed.Conditions, ConditionTypes.Degraded)!.Status.Should().Be(ConditionStatus.False, "the time spent suspended does not count against the progress deadline");
        // v1 stays named as the champion already in the table (its pods are starting again); v2 only once Available.
        (await op.RoutingTableAsync("iris"))!.Backends.Select(b => b.Version).Should().Equal("v1");

        await op.MarkAvailableAsync("iris-v1");
        await op.MarkAvailableAsync("iris-v2");
        await Eventually.HoldsAsync(async () => (await op.RoutingTableAsync("iris"))?.Backends.Any(b => b.Version == "v2" && b.Weight == 20) == true, Wait, "the canary resumes once v2 is Available again");
        await op.AssertTableNamesOnlyAvailableVersionsAsync("iris");
    }

    public static TheoryData<string, string, string> InvalidSpecs => new()
    {
        { "weights-over-100", """{"model":{"uri":"https://m/x.onnx","version":"v1"},"traffic":{"challengers":[{"name":"a","weight":60,"model":{"uri":"https://m/a.onnx","version":"a1"}},{"name":"b","weight":60,"model":{"uri":"https://m/b.onnx","version":"b1"}}]}}""", "spec.traffic" },
        { "duplicate-names", """{"model":{"uri":"https://m/x.onnx","version":"v1"},"traffic":{"challengers":[{"name":"a","weight":10,"model":{"uri":"https://m/a.onnx","version":"a1"}}],"shadows":[{"name":"a","model":{"uri":"https://m/b.onnx","version":"b1"}}]}}""", "spec.traffic" },
        { "s3-uri", """{"model":{"uri":"s3://bucket/x.onnx","version":"v1"}}""", "spec.model.uri" },
        { "challenger-is-champion", """{"model":{"uri":"https://m/x.onnx","version":"v1"},"traffic":{"challengers":[{"name":"a","weight":10,"model":{"uri":"https://m/x.onnx","version":"v1"}}]}}""", "spec.traffic" },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public async Task Invalid_spec_sets_InvalidSpec_writes_a_warning_and_creates_nothing(string name, string specJson, string field)
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-invalid"));
        var spec = System.Text.Json.JsonSerializer.Deserialize(specJson, Api.Serialization.ModelshipApiJsonContext.Default.ModelDeploymentSpec)!;
        await op.ModelDeployments.CreateAsync(new Api.V1Alpha1.ModelDeployment { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = op.Namespace }, Spec = spec });

        await Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync(name)).Status?.Conditions, ConditionTypes.Ready)?.Reason == ConditionReasons.InvalidSpec, Wait, "Ready=False InvalidSpec");
        var ready = ConditionList.Find((await op.GetAsync(name)).Status!.Conditions, ConditionTypes.Ready)!;
        ready.Status.Should().Be(ConditionStatus.False);
        ready.Message.Should().Contain(field);
        ready.Message.Should().NotMatchRegex(@"(spec\.[^\s:]+): \1:", "each problem names its field once");
        await Eventually.HoldsAsync(async () => (await op.EventsAsync(name)).Any(e => e.Type == "Warning" && e.Reason == ConditionReasons.InvalidSpec), Wait, "a Warning Event");
        (await op.Deployments.ListAsync(op.Namespace)).Items.Should().BeEmpty();
        (await op.Client.For<V1Service>().ListAsync(op.Namespace)).Items.Should().BeEmpty();
        (await op.Client.For<V1ConfigMap>().ListAsync(op.Namespace)).Items.Should().NotContain(c => c.Metadata.Name!.StartsWith(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reconcile_with_nothing_to_change_makes_zero_write_requests()
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-noop"));
        await ActivateV1Async(op);
        // Settled: a reconcile that started after everything above has finished.
        await op.TouchAndWaitForReconcileAsync("iris", Wait);
        var before = op.Writes.Writes.Count;

        // An annotation change is not a spec change: the controller reconciles and must find nothing to do.
        await op.TouchAndWaitForReconcileAsync("iris", Wait);
        await op.TouchAndWaitForReconcileAsync("iris", Wait);

        op.Writes.Writes.Skip(before).Should().BeEmpty();
    }

    [Fact]
    public async Task A_resync_reconciles_without_any_event_and_writes_nothing_for_a_steady_object()
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-resync"), syncPeriod: TimeSpan.FromSeconds(2));
        await ActivateV1Async(op);
        await op.TouchAndWaitForReconcileAsync("iris", Wait);
        var before = op.Writes.Writes.Count;
        var mark = op.Reconciles.Mark;

        // Nothing changes from here on: only the informers' resync brings these reconciles.
        await Eventually.HoldsAsync(() => Task.FromResult(op.Reconciles.CountFinishedAfter($"{op.Namespace}/iris", mark) >= 2), Wait, "two reconciles brought by the resync");

        op.Writes.Writes.Skip(before).Should().BeEmpty();
    }

    /// <summary>Creates iris at v1 and plays its router (<paramref name="routerPodIp"/> in its status) until v1 is Active.</summary>
    internal static async Task<string> ActivateV1Async(ModelDeploymentOperator op, string? routerPodIp = null)
    {
        await op.ModelDeployments.CreateAsync(ModelDeploymentSpecs.Iris(op.Namespace));
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v1") is not null
            && await op.Deployments.GetOrNullAsync(op.Namespace, "iris-router") is not null, Wait, "v1 and router exist");
        await op.MarkAvailableAsync("iris-v1");
        await Eventually.HoldsAsync(async () => await op.RoutingTableAsync("iris") is not null, Wait, "table written");
        var pod = await op.CreateReadyRouterPodAsync("iris", "iris-router-a", routerPodIp);
        await op.AcknowledgeAsync(pod, (await op.RoutingTableAsync("iris"))!.Generation);
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status?.Phase == ModelDeploymentPhase.Active, Wait, "v1 Active");
        return pod;
    }

    internal static Task PatchSpecAsync(ModelDeploymentOperator op, JsonObject spec) =>
        op.ModelDeployments.MergePatchAsync(op.Namespace, "iris", new JsonObject { ["spec"] = spec });

    private static async Task AssertEveryChildIsOwnedAsync(ModelDeploymentOperator op, string uid)
    {
        IEnumerable<IKubernetesObject<V1ObjectMeta>> children =
        [
            .. (await op.Deployments.ListAsync(op.Namespace)).Items,
            .. (await op.Client.For<V1Service>().ListAsync(op.Namespace)).Items,
            .. (await op.Client.For<V1ConfigMap>().ListAsync(op.Namespace)).Items.Where(c => c.Metadata.Name != "kube-root-ca.crt"),
            .. (await op.Client.For<V1ServiceAccount>().ListAsync(op.Namespace)).Items.Where(a => a.Metadata.Name != "default"),
            .. (await op.Client.For<V1RoleBinding>().ListAsync(op.Namespace)).Items,
        ];
        children.Should().NotBeEmpty();
        foreach (var child in children)
        {
            child.Metadata.OwnerReferences.Should().ContainSingle(r => r.Uid == uid && r.Controller == true && r.BlockOwnerDeletion == true, $"{child.Kind} {child.Metadata.Name} must be garbage-collected with its owner");
            child.Metadata.Labels.Should().ContainKey(ChildMetadata.ManagedByLabel);
        }
    }
}
