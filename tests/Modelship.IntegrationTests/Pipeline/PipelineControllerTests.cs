using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Modelship.Api.Conditions;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.IntegrationTests.ModelDeployment;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.IntegrationTests.Pipeline;

/// <summary>
/// The Pipeline controller against kube-apiserver, next to the ModelDeployment controller (as `modelship operator`
/// runs them); the tests play the kubelet (Deployments Available, router Pods ready) and the routers (acknowledged
/// generations).
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class PipelineControllerTests(SharedClusterFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Create_deploys_inline_models_and_a_router_and_routes_once_every_model_can_answer()
    {
        await using var op = await PipelineOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("pipe-create"));
        await ActivateIrisAsync(op);
        var created = await op.Pipelines.CreateAsync(PipelineSpecs.Scoring(op.Namespace));

        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, PipelineSpecs.Prep("v1")) is not null
            && await op.Deployments.GetOrNullAsync(op.Namespace, "scoring-router") is not null
            && await op.Client.For<V1Service>().GetOrNullAsync(op.Namespace, "scoring") is not null
            && await op.Client.For<V1Service>().GetOrNullAsync(op.Namespace, PipelineSpecs.Prep("v1")) is not null
            && await op.Client.For<V1ServiceAccount>().GetOrNullAsync(op.Namespace, "scoring-router") is not null
            && await op.Client.For<V1RoleBinding>().GetOrNullAsync(op.Namespace, "scoring-router") is not null, Wait, "the inline model's server, the router, the endpoint and the router's identity exist");
        var router = await op.Deployments.GetAsync(op.Namespace, "scoring-router");
        router.Spec!.Template!.Spec!.Containers![0].Args!.Should().ContainInOrder("router", "--routing-configmap", "scoring-routing");
        router.Spec.Template.Metadata!.Annotations.Should().ContainKey("modelship.dev/pipeline").WhoseValue.Should().Be("scoring");
        var prep = await op.Deployments.GetAsync(op.Namespace, PipelineSpecs.Prep("v1"));
        prep.Spec!.Template!.Spec!.InitContainers![0].Args.Should().ContainInOrder("fetch", "--uri", "https://models.example.com/prep/v1.onnx");
        prep.Spec.Template.Spec.Containers![0].Args!.Should().ContainInOrder("runtime", "--model", "/models", "--name", "prep-prep", "--version", "v1");
        await Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync("scoring")).Status?.Conditions, ConditionTypes.Ready)?.Reason == "WaitingForModels", Wait, "Ready=False WaitingForModels");
        (await op.RoutingTableAsync("scoring")).Should().BeNull("the prep model is not Available: no table names a model that cannot answer");
        var waiting = (await op.GetAsync("scoring")).Status!;
        waiting.Phase.Should().Be(PipelinePhase.Deploying);
        waiting.StepSummary.Should().Be("2/3");
        waiting.Steps!.Single(s => s.Name == "prep").Ready.Should().BeFalse();

        await op.Kubelet.MarkAvailableAsync(PipelineSpecs.Prep("v1"));
        await Eventually.HoldsAsync(async () => await op.RoutingTableAsync("scoring") is not null, Wait, "the routing table is written");
        var table = (await op.RoutingTableAsync("scoring"))!;
        table.ModelName.Should().Be("scoring");
        table.Pipeline!.Steps.Select(s => (s.Name, s.Kind)).Should().Equal(("prep", StepKind.Model), ("classify", StepKind.Model), ("checks", StepKind.Validations));
        table.Pipeline.Steps[0].Models!.Single().Should().BeEquivalentTo(new { Name = "prep", Version = "v1", ModelName = "prep-prep", Url = $"http://{PipelineSpecs.Prep("v1")}.{op.Namespace}.svc.cluster.local:8080" });
        table.Pipeline.Steps[1].Models!.Single().Should().BeEquivalentTo(new { Name = "iris", Version = "v1", ModelName = "iris", Url = $"http://iris.{op.Namespace}.svc.cluster.local" });

        var pod = await op.Kubelet.CreateReadyRouterPodAsync("scoring", "scoring-router-a");
        await op.Kubelet.AcknowledgeAsync(pod, table.Generation);
        await Eventually.HoldsAsync(async () => (await op.GetAsync("scoring")).Status?.Phase == PipelinePhase.Active, Wait, "phase Active");
        var status = (await op.GetAsync("scoring")).Status!;
        ConditionList.IsTrue(status.Conditions, ConditionTypes.Ready).Should().BeTrue();
        ConditionList.Find(status.Conditions, ConditionTypes.Progressing)!.Status.Should().Be(ConditionStatus.False);
        ConditionList.Find(status.Conditions, ConditionTypes.Degraded)!.Status.Should().Be(ConditionStatus.False);
        status.ObservedGeneration.Should().Be(created.Metadata.Generation);
        status.RoutingGeneration.Should().Be(table.Generation);
        status.ServedGeneration.Should().Be(table.Generation);
        status.Endpoint.Should().Be($"http://scoring.{op.Namespace}.svc.cluster.local");
        status.StepSummary.Should().Be("3/3");
        status.Steps!.Select(s => (s.Name, s.Ready)).Should().Equal(("prep", true), ("classify", true), ("checks", true));
        status.Steps![1].Models!.Single().Should().BeEquivalentTo(new StepModelStatus { Name = "iris", Version = "v1", ModelDeployment = "iris", Ready = true });
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("scoring")).Any(e => e.Reason == ConditionReasons.Available && e.Type == "Normal"), Wait, "an Available Event");
        await AssertEveryChildIsOwnedAsync(op, "scoring", created.Metadata.Uid!);
    }

    [Fact]
    public async Task Updating_a_step_swaps_the_inline_model_without_routing_to_it_before_it_is_available()
    {
        await using var op = await PipelineOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("pipe-update"));
        await ActivateIrisAsync(op);
        var pod = await ActivateScoringAsync(op);
        var before = (await op.RoutingTableAsync("scoring"))!;

        await op.Pipelines.ReplaceAsync(await WithSpecAsync(op, PipelineSpecs.Scoring(op.Namespace, prepVersion: "v2")));
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, PipelineSpecs.Prep("v2")) is not null, Wait, "the v2 model server exists");
        await Eventually.HoldsAsync(async () => (await op.GetAsync("scoring")).Status is { } s && s.ObservedGeneration == 2 && s.Phase == PipelinePhase.Deploying, Wait, "generation 2 observed, Deploying");
        (await op.RoutingTableAsync("scoring"))!.Generation.Should().Be(before.Generation, "v2 is not Available: the table stays as it was");
        var deploying = (await op.GetAsync("scoring")).Status!;
        ConditionList.IsTrue(deploying.Conditions, ConditionTypes.Ready).Should().BeTrue("v1 still answers");
        ConditionList.Find(deploying.Conditions, ConditionTypes.Progressing)!.Message.Should().Contain("version v2 is not Available yet");

        await op.Kubelet.MarkAvailableAsync(PipelineSpecs.Prep("v2"));
        await Eventually.HoldsAsync(async () => (await op.RoutingTableAsync("scoring"))?.Pipeline?.Steps[0].Models?[0].Version == "v2", Wait, "the table routes prep to v2");
        var after = (await op.RoutingTableAsync("scoring"))!;
        after.Generation.Should().Be(before.Generation + 1);
        (await op.Deployments.GetOrNullAsync(op.Namespace, PipelineSpecs.Prep("v1"))).Should().NotBeNull("the router has not acknowledged the new table yet");
        await Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync("scoring")).Status?.Conditions, ConditionTypes.Progressing)?.Reason == ConditionReasons.WaitingForRouters, Wait, "Progressing: WaitingForRouters");

        await op.Kubelet.AcknowledgeAsync(pod, after.Generation);
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, PipelineSpecs.Prep("v1")) is null
            && await op.Client.For<V1Service>().GetOrNullAsync(op.Namespace, PipelineSpecs.Prep("v1")) is null, Wait, "v1 deleted once the router serves the new table");
        await Eventually.HoldsAsync(async () => (await op.GetAsync("scoring")).Status?.Phase == PipelinePhase.Active, Wait, "Active again");
        var status = (await op.GetAsync("scoring")).Status!;
        status.ServedGeneration.Should().Be(after.Generation);
        status.Steps![0].Models!.Single().Version.Should().Be("v2");
    }

    [Fact]
    public async Task A_referenced_modeldeployment_replaced_underneath_is_followed_and_the_pipeline_stays_ready()
    {
        await using var op = await PipelineOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("pipe-ref"));
        var irisPod = await ActivateIrisAsync(op);
        var pod = await ActivateScoringAsync(op);
        var readySince = ConditionList.Find((await op.GetAsync("scoring")).Status!.Conditions, ConditionTypes.Ready)!.LastTransitionTime;
        var before = (await op.RoutingTableAsync("scoring"))!;

        await op.ModelDeployments.MergePatchAsync(op.Namespace, "iris", new JsonObject { ["spec"] = new JsonObject { ["model"] = new JsonObject { ["uri"] = "https://models.example.com/iris/v2.onnx", ["version"] = "v2" } } });
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v2") is not null, Wait, "iris-v2 exists");
        await op.Kubelet.MarkAvailableAsync("iris-v2");
        // Plays iris's router until iris is replaced (its routers acknowledge each table it writes).
        await Eventually.HoldsAsync(async () =>
        {
            var irisTable = await op.Kubelet.RoutingTableAsync("iris");
            if (irisTable is not null)
            {
                await op.Kubelet.AcknowledgeAsync(irisPod, irisTable.Generation);
            }
            return (await op.ModelDeployments.GetAsync(op.Namespace, "iris")).Status?.ActiveModel?.Version == "v2";
        }, Wait, "iris replaced by v2");

        await Eventually.HoldsAsync(async () => (await op.RoutingTableAsync("scoring"))?.Pipeline?.Steps[1].Models?[0].Version == "v2", Wait, "the pipeline's table follows iris to v2");
        var after = (await op.RoutingTableAsync("scoring"))!;
        after.Generation.Should().Be(before.Generation + 1);
        after.Pipeline!.Steps[1].Models![0].Url.Should().Be(before.Pipeline!.Steps[1].Models![0].Url, "the step calls iris's stable endpoint");
        await op.Kubelet.AcknowledgeAsync(pod, after.Generation);
        await Eventually.HoldsAsync(async () => (await op.GetAsync("scoring")).Status is { Phase: PipelinePhase.Active } s && s.ServedGeneration == after.Generation, Wait, "Active at the new generation");
        var status = (await op.GetAsync("scoring")).Status!;
        status.Steps![1].Models!.Single().Version.Should().Be("v2");
        ConditionList.Find(status.Conditions, ConditionTypes.Ready)!.LastTransitionTime.Should().Be(readySince, "the pipeline stayed Ready throughout");
        (await op.EventsAsync("scoring")).Should().NotContain(e => e.Type == "Warning");
    }

    public static TheoryData<string, string, string> InvalidSpecs => new()
    {
        { "unknown-ref", """{"steps":[{"name":"classify","model":{"modelDeploymentRef":{"name":"nope"}}}]}""", "step 'classify': ModelDeployment 'nope' does not exist" },
        { "duplicate-model-names", """{"steps":[{"name":"ensemble","multiModel":{"models":[{"modelDeploymentRef":{"name":"iris"}},{"modelDeploymentRef":{"name":"iris"}}]}}]}""", "step 'ensemble': 'iris' names two models of the step" },
        { "no-kind", """{"steps":[{"name":"empty"}]}""", "step 'empty': has no kind" },
        { "two-kinds", """{"steps":[{"name":"both","select":{"index":0},"audit":{"slice":":"}}]}""", "step 'both': sets audit and select" },
        { "bad-expression", """{"steps":[{"name":"checks","validations":{"checks":[{"name":"c","expression":"outputs.x >"}]}}]}""", "step 'checks': check 'c': the CEL expression" },
        // The schema's pattern lets a lone sign through; the controller does not.
        { "bad-slice", """{"steps":[{"name":"log","audit":{"slice":"-:"}}]}""", "step 'log': '-:' is not a slice" },
        { "ref-and-inline", """{"steps":[{"name":"m","model":{"modelDeploymentRef":{"name":"iris"},"model":{"uri":"https://m/x.onnx","version":"v1"}}}]}""", "step 'm': set exactly one of modelDeploymentRef and model" },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public async Task Invalid_spec_sets_InvalidSpec_naming_the_step_records_a_warning_and_creates_nothing(string name, string specJson, string message)
    {
        await using var op = await PipelineOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("pipe-invalid"));
        await op.ModelDeployments.CreateAsync(ModelDeploymentSpecs.Iris(op.Namespace));
        await op.Pipelines.CreateAsync(PipelineSpecs.Parse(op.Namespace, name, specJson));

        await Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync(name)).Status?.Conditions, ConditionTypes.Ready)?.Reason == ConditionReasons.InvalidSpec, Wait, "Ready=False InvalidSpec");
        var status = (await op.GetAsync(name)).Status!;
        status.Phase.Should().Be(PipelinePhase.Failed);
        status.ObservedGeneration.Should().Be(1);
        var ready = ConditionList.Find(status.Conditions, ConditionTypes.Ready)!;
        ready.Status.Should().Be(ConditionStatus.False);
        ready.Message.Should().Contain(message);
        await Eventually.HoldsAsync(async () => (await op.EventsAsync(name)).Any(e => e.Type == "Warning" && e.Reason == ConditionReasons.InvalidSpec && e.Message!.Contains(message, StringComparison.Ordinal)), Wait, "a Warning Event naming the step");
        (await op.Deployments.ListAsync(op.Namespace)).Items.Should().NotContain(d => d.Metadata.Name!.StartsWith(name, StringComparison.Ordinal));
        (await op.Client.For<V1ConfigMap>().ListAsync(op.Namespace)).Items.Should().NotContain(c => c.Metadata.Name!.StartsWith(name, StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> SchemaRejects => new()
    {
        { "duplicate-steps", """{"steps":[{"name":"a","select":{"index":0}},{"name":"a","select":{"index":1}}]}""", "Duplicate value" },
        { "unparsable-slice", """{"steps":[{"name":"log","audit":{"slice":"1:x"}}]}""", "spec.steps.audit.slice" },
        { "step-name", """{"steps":[{"name":"Not_A_Label","select":{"index":0}}]}""", "spec.steps.name" },
    };

    /// <summary>What the CRD's structural schema already refuses never reaches the controller.</summary>
    [Theory]
    [MemberData(nameof(SchemaRejects))]
    public async Task The_api_server_refuses_what_the_schema_expresses(string name, string specJson, string message)
    {
        var ns = await fixture.Cluster.CreateNamespaceAsync("pipe-schema");
        using var admin = fixture.Cluster.AdminClient(new Kubernetes.Client.KubernetesClientOptions { SerializerOptions = Api.Serialization.ModelshipApiJsonContext.KubernetesClientOptions });
        await PipelineOperator.InstallCrdsAsync(admin);
        var create = () => admin.For<Api.V1Alpha1.Pipeline>().CreateAsync(PipelineSpecs.Parse(ns, name, specJson));
        (await create.Should().ThrowAsync<Kubernetes.Client.KubernetesApiException>()).Which.Message.Should().Contain("422").And.Contain(message);
    }

    [Fact]
    public async Task A_reference_to_a_modeldeployment_created_later_becomes_valid_when_it_appears()
    {
        await using var op = await PipelineOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("pipe-late-ref"));
        await op.Pipelines.CreateAsync(PipelineSpecs.Parse(op.Namespace, "late", """{"steps":[{"name":"classify","model":{"modelDeploymentRef":{"name":"iris"}}}]}"""));
        await Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync("late")).Status?.Conditions, ConditionTypes.Ready)?.Reason == ConditionReasons.InvalidSpec, Wait, "InvalidSpec: iris does not exist");

        await op.ModelDeployments.CreateAsync(ModelDeploymentSpecs.Iris(op.Namespace));
        await Eventually.HoldsAsync(async () => await op.RoutingTableAsync("late") is not null && (await op.GetAsync("late")).Status?.Phase == PipelinePhase.Deploying, Wait, "the ModelDeployment's appearance re-reconciles the Pipeline: a table routes to it");
        var status = (await op.GetAsync("late")).Status!;
        status.Phase.Should().Be(PipelinePhase.Deploying);
        status.Steps!.Single().Ready.Should().BeFalse("iris is not Ready yet");
    }

    [Fact]
    public async Task Deleting_the_pipeline_leaves_its_children_to_the_garbage_collector_through_owner_references()
    {
        await using var op = await PipelineOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("pipe-delete"));
        await ActivateIrisAsync(op);
        await ActivateScoringAsync(op);
        var pipeline = await op.GetAsync("scoring");
        var children = await AssertEveryChildIsOwnedAsync(op, "scoring", pipeline.Metadata.Uid!);
        children.Select(c => $"{c.Kind}/{c.Metadata.Name}").Should().BeEquivalentTo(
        [
            $"Deployment/{PipelineSpecs.Prep("v1")}", "Deployment/scoring-router", $"Service/{PipelineSpecs.Prep("v1")}", "Service/scoring",
            "ConfigMap/scoring-routing", "ServiceAccount/scoring-router", "RoleBinding/scoring-router",
        ]);

        await op.Pipelines.DeleteAsync(op.Namespace, "scoring");
        await Eventually.HoldsAsync(async () => await op.Pipelines.GetOrNullAsync(op.Namespace, "scoring") is null, Wait, "the Pipeline is gone (no finalizer holds it)");
        // No garbage collector runs against the test API server: the owner references above are what removes the
        // children in a cluster. The controller must not write them again for a Pipeline that is gone.
        var writes = op.Writes.Writes.Count;
        await op.ModelDeployments.MergePatchAsync(op.Namespace, "iris", new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["touched"] = "yes" } } });
        await op.Client.For<V1ConfigMap>().DeleteAsync(op.Namespace, "scoring-routing");
        await Eventually.HoldsAsync(async () => await op.Client.For<V1ConfigMap>().GetOrNullAsync(op.Namespace, "scoring-routing") is null, Wait, "the routing ConfigMap removed as the garbage collector would");
        await op.Kubelet.MarkAvailableAsync("scoring-router");
        (await op.Client.For<V1ConfigMap>().GetOrNullAsync(op.Namespace, "scoring-routing")).Should().BeNull();
        op.Writes.Writes.Skip(writes).Should().NotContain(w => w.Contains("scoring", StringComparison.Ordinal), "nothing is written for a deleted Pipeline");
    }

    [Fact]
    public async Task A_reconcile_with_nothing_to_change_makes_zero_write_requests()
    {
        await using var op = await PipelineOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("pipe-noop"));
        await ActivateIrisAsync(op);
        await ActivateScoringAsync(op);
        await op.TouchAndWaitForReconcileAsync("scoring", Wait);
        var before = op.Writes.Writes.Count;

        await op.TouchAndWaitForReconcileAsync("scoring", Wait);
        await op.TouchAndWaitForReconcileAsync("scoring", Wait);

        op.Writes.Writes.Skip(before).Should().BeEmpty();
    }

    [Fact]
    public async Task A_child_deleted_or_changed_by_someone_else_is_put_back()
    {
        await using var op = await PipelineOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("pipe-drift"));
        await ActivateIrisAsync(op);
        await ActivateScoringAsync(op);
        var table = (await op.RoutingTableAsync("scoring"))!;

        await op.Client.For<V1Service>().DeleteAsync(op.Namespace, "scoring");
        await op.Client.For<V1ConfigMap>().MergePatchAsync(op.Namespace, "scoring-routing", new JsonObject { ["data"] = new JsonObject { [RoutingTableConventions.ConfigMapKey] = "{}" } });

        await Eventually.HoldsAsync(async () => await op.Client.For<V1Service>().GetOrNullAsync(op.Namespace, "scoring") is not null, Wait, "the endpoint Service is recreated");
        await Eventually.HoldsAsync(async () => (await op.RoutingTableAsync("scoring"))?.Generation >= table.Generation, Wait, "the routing table is written again");
        var repaired = (await op.RoutingTableAsync("scoring"))!;
        repaired.Pipeline!.Steps.Select(s => s.Name).Should().Equal("prep", "classify", "checks");
    }

    [Fact]
    public async Task A_pipeline_named_like_a_modeldeployment_is_refused_and_takes_nothing_from_it()
    {
        await using var op = await PipelineOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("pipe-clash"));
        await ActivateIrisAsync(op);
        var md = await op.ModelDeployments.GetAsync(op.Namespace, "iris");

        await op.Pipelines.CreateAsync(PipelineSpecs.Parse(op.Namespace, "iris", """{"steps":[{"name":"classify","model":{"modelDeploymentRef":{"name":"iris"}}}]}"""));
        await Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync("iris")).Status?.Conditions, ConditionTypes.Ready)?.Reason == ConditionReasons.InvalidSpec, Wait, "the Pipeline is refused");
        ConditionList.Find((await op.GetAsync("iris")).Status!.Conditions, ConditionTypes.Ready)!.Message.Should().Contain("belongs to ModelDeployment iris");

        foreach (var child in new IKubernetesObject<V1ObjectMeta>?[]
        {
            await op.Deployments.GetAsync(op.Namespace, "iris-router"),
            await op.Client.For<V1Service>().GetAsync(op.Namespace, "iris"),
            await op.Client.For<V1ConfigMap>().GetAsync(op.Namespace, "iris-routing"),
        })
        {
            child!.Metadata.OwnerReferences.Should().ContainSingle().Which.Uid.Should().Be(md.Metadata.Uid, $"{child.Kind} {child.Metadata.Name} stays the ModelDeployment's");
        }
        (await op.ModelDeployments.GetAsync(op.Namespace, "iris")).Status!.Phase.Should().Be(ModelDeploymentPhase.Active);
    }

    [Fact]
    public async Task The_samples_are_accepted_by_the_api_server_and_the_controllers()
    {
        await using var op = await PipelineOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("pipe-samples"));
        var samples = Path.Combine(ModelDeploymentCrd.RepositoryRoot(), "config", "samples");
        JsonObject Sample(string file)
        {
            var sample = Kubernetes.Yaml.YamlDocuments.Parse(File.ReadAllText(Path.Combine(samples, file))).Single().AsObject();
            sample["metadata"]!["namespace"] = op.Namespace;
            return sample;
        }
        await op.ModelDeployments.CreateAsync(Api.Serialization.ModelshipApiJsonContext.ParseModelDeployment(Sample("modelship_v1alpha1_modeldeployment.yaml").ToJsonString()));
        await op.Pipelines.CreateAsync(Api.Serialization.ModelshipApiJsonContext.ParsePipeline(Sample("modelship_v1alpha1_pipeline.yaml").ToJsonString()));

        var features = ChildNames.PipelineRuntime("fraud-pipeline", "features", "features", "v3");
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, features) is not null
            && (await op.GetAsync("fraud-pipeline")).Status?.Steps is { Count: 3 }, Wait, "the sample Pipeline is valid and deployed");
        await op.Kubelet.MarkAvailableAsync(features);
        await Eventually.HoldsAsync(async () => (await op.RoutingTableAsync("fraud-pipeline"))?.Pipeline?.Steps[1].Models?[0].Url == $"http://fraud-scoring.{op.Namespace}.svc.cluster.local", Wait, "its table calls the sample ModelDeployment");
    }

    /// <summary>Creates the iris ModelDeployment at v1 and plays its kubelet and router until it is Active; returns its router Pod.</summary>
    internal static async Task<string> ActivateIrisAsync(PipelineOperator op)
    {
        await op.ModelDeployments.CreateAsync(ModelDeploymentSpecs.Iris(op.Namespace));
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v1") is not null, Wait, "iris-v1 exists");
        await op.Kubelet.MarkAvailableAsync("iris-v1");
        await Eventually.HoldsAsync(async () => await op.Kubelet.RoutingTableAsync("iris") is not null, Wait, "iris's table written");
        var pod = await op.Kubelet.CreateReadyRouterPodAsync("iris", "iris-router-a");
        await op.Kubelet.AcknowledgeAsync(pod, (await op.Kubelet.RoutingTableAsync("iris"))!.Generation);
        await Eventually.HoldsAsync(async () => (await op.ModelDeployments.GetAsync(op.Namespace, "iris")).Status?.Phase == ModelDeploymentPhase.Active, Wait, "iris Active");
        return pod;
    }

    /// <summary>Creates the scoring Pipeline and plays its kubelet and router until it is Active; returns its router Pod.</summary>
    internal static async Task<string> ActivateScoringAsync(PipelineOperator op)
    {
        await op.Pipelines.CreateAsync(PipelineSpecs.Scoring(op.Namespace));
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, PipelineSpecs.Prep("v1")) is not null
            && await op.Deployments.GetOrNullAsync(op.Namespace, "scoring-router") is not null, Wait, "prep-v1 and the router exist");
        await op.Kubelet.MarkAvailableAsync(PipelineSpecs.Prep("v1"));
        await Eventually.HoldsAsync(async () => await op.RoutingTableAsync("scoring") is not null, Wait, "the scoring table is written");
        var pod = await op.Kubelet.CreateReadyRouterPodAsync("scoring", "scoring-router-a");
        await op.Kubelet.AcknowledgeAsync(pod, (await op.RoutingTableAsync("scoring"))!.Generation);
        await Eventually.HoldsAsync(async () => (await op.GetAsync("scoring")).Status?.Phase == PipelinePhase.Active, Wait, "scoring Active");
        return pod;
    }

    private static async Task<Api.V1Alpha1.Pipeline> WithSpecAsync(PipelineOperator op, Api.V1Alpha1.Pipeline desired)
    {
        var live = await op.GetAsync(desired.Metadata.Name!);
        live.Spec = desired.Spec;
        return live;
    }

    /// <summary>Asserts that every child labelled with the Pipeline's instance is controlled by it; returns them.</summary>
    private static async Task<List<IKubernetesObject<V1ObjectMeta>>> AssertEveryChildIsOwnedAsync(PipelineOperator op, string name, string uid)
    {
        var selector = new Kubernetes.Client.ListOptions { LabelSelector = $"{ChildMetadata.InstanceLabel}={name}" };
        List<IKubernetesObject<V1ObjectMeta>> children =
        [
            .. (await op.Deployments.ListAsync(op.Namespace, selector)).Items,
            .. (await op.Client.For<V1Service>().ListAsync(op.Namespace, selector)).Items,
            .. (await op.Client.For<V1ConfigMap>().ListAsync(op.Namespace, selector)).Items,
            .. (await op.Client.For<V1ServiceAccount>().ListAsync(op.Namespace, selector)).Items,
            .. (await op.Client.For<V1RoleBinding>().ListAsync(op.Namespace, selector)).Items,
        ];
        children.Should().NotBeEmpty();
        foreach (var child in children)
        {
            child.Metadata.OwnerReferences.Should().ContainSingle(r => r.Uid == uid && r.Kind == "Pipeline" && r.Controller == true && r.BlockOwnerDeletion == true, $"{child.Kind} {child.Metadata.Name} must be garbage-collected with its Pipeline");
            child.Metadata.Labels.Should().ContainKey(ChildMetadata.ManagedByLabel);
        }
        return children;
    }
}
