using k8s;
using k8s.Models;
using Modelship.Api.Serialization;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Tests.ModelDeployment.Builders;

namespace Modelship.Operator.Tests.ModelDeployment;

public sealed class ChildDriftTests
{
    private static readonly V1ConfigMap Desired = RoutingConfigMapBuilder.Build(Samples.Fraud(), new Api.Routing.RoutingTable { Generation = 1, ModelName = "fraud" });
    private static readonly string Hash = AppliedHash.Stamp(Desired, ModelshipApiJsonContext.KubernetesClientOptions);

    /// <summary>The child as the API server holds it: what we applied, plus what the server adds.</summary>
    private static T Live<T>(T desired, string resourceVersion, long? generation = null, string uid = "child-uid", Action<V1ObjectMeta>? change = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var json = System.Text.Json.JsonSerializer.Serialize(desired, ModelshipApiJsonContext.KubernetesClientOptions);
        var live = (T)System.Text.Json.JsonSerializer.Deserialize(json, desired.GetType(), ModelshipApiJsonContext.KubernetesClientOptions)!;
        live.Metadata.Uid = uid;
        live.Metadata.ResourceVersion = resourceVersion;
        live.Metadata.Generation = generation;
        change?.Invoke(live.Metadata);
        return live;
    }

    private static AppliedChild Applied(string resourceVersion, long? generation = null, string? replaced = "1", string uid = "child-uid", string? hash = null) =>
        new(uid, resourceVersion, generation, replaced, hash ?? Hash);

    public static TheoryData<string, IKubernetesObject<V1ObjectMeta>?, AppliedChild?, ChildApply> ConfigMapCases => new()
    {
        // name, cached child, our last apply, what to do
        { "missing", null, Applied("5"), ChildApply.Missing },
        { "never-applied-by-this-process", Live(Desired, "5"), null, ChildApply.Unrecorded },
        { "as-we-applied-it", Live(Desired, "5"), Applied("5"), ChildApply.None },
        { "cache-behind-our-apply", Live(Desired, "1", change: m => m.Annotations![ChildMetadata.AppliedHashAnnotation] = "older"), Applied("5", replaced: "1"), ChildApply.None },
        { "cache-behind-another-apply", Live(Desired, "1", change: m => m.Annotations![ChildMetadata.AppliedHashAnnotation] = "older"), Applied("5", replaced: "1", hash: "other"), ChildApply.Changed },
        { "desired-changed", Live(Desired, "5", change: m => m.Annotations![ChildMetadata.AppliedHashAnnotation] = "older"), Applied("5"), ChildApply.Changed },
        { "written-by-someone-else", Live(Desired, "6"), Applied("5"), ChildApply.Drifted },
        { "recreated-by-someone-else", Live(Desired, "9", uid: "another-uid"), Applied("5"), ChildApply.Recreated },
    };

    [Theory]
    [MemberData(nameof(ConfigMapCases))]
    public void A_kind_without_generation_is_applied_again_after_any_write_but_ours(string name, IKubernetesObject<V1ObjectMeta>? cached, AppliedChild? applied, ChildApply expected) =>
        ChildDrift.Decide(Desired, Hash, cached, applied).Should().Be(expected, name);

    [Fact]
    public void A_Deployment_is_applied_again_when_its_spec_or_the_metadata_we_set_changed_not_its_status()
    {
        var desired = RouterDeploymentBuilder.Build(Samples.Fraud(), new ModelDeploymentBuildOptions(), suspended: false);
        var hash = AppliedHash.Stamp(desired, ModelshipApiJsonContext.KubernetesClientOptions);
        var applied = new AppliedChild("child-uid", "5", 2, "1", hash);

        ChildDrift.Decide(desired, hash, Live(desired, "5", 2), applied).Should().Be(ChildApply.None);
        ChildDrift.Decide(desired, hash, Live(desired, "8", 2), applied).Should().Be(ChildApply.None, "a status update (or an annotation we do not set) moves only the resourceVersion");
        ChildDrift.Decide(desired, hash, Live(desired, "8", 2, change: m => m.Annotations!["deployment.kubernetes.io/revision"] = "3"), applied).Should().Be(ChildApply.None);
        ChildDrift.Decide(desired, hash, Live(desired, "8", 3), applied).Should().Be(ChildApply.Drifted, "kubectl edit or scale changed the spec");
        ChildDrift.Decide(desired, hash, Live(desired, "4", 1), applied with { ReplacedResourceVersion = "3" }).Should().Be(ChildApply.None, "an older generation: the cache is behind");
        ChildDrift.Decide(desired, hash, Live(desired, "8", 2, change: m => m.Labels![ChildMetadata.ComponentLabel] = "edited"), applied).Should().Be(ChildApply.Drifted);
        ChildDrift.Decide(desired, hash, Live(desired, "8", 2, change: m => m.Labels!.Remove(ChildMetadata.InstanceLabel)), applied).Should().Be(ChildApply.Drifted);
        ChildDrift.Decide(desired, hash, Live(desired, "8", 2, change: m => m.OwnerReferences = []), applied).Should().Be(ChildApply.Drifted);
        ChildDrift.Decide(desired, hash, Live(desired, "8", 2, change: m => m.Labels!["team"] = "risk"), applied).Should().Be(ChildApply.None, "a label we do not set");
    }

    [Fact]
    public void What_was_applied_is_remembered_per_child_until_it_or_its_owner_is_gone()
    {
        var applied = new AppliedChildren();
        var fraud = new ObjectKey("risk", "fraud");
        var answer = Live(Desired, "5");

        applied.Record(fraud, answer, replacedResourceVersion: "1", Hash);

        applied.Get(Desired).Should().Be(new AppliedChild("child-uid", "5", null, "1", Hash));
        applied.ForgetOwner(new ObjectKey("risk", "churn"));
        applied.Get(Desired).Should().NotBeNull("another owner's children are forgotten, not these");
        applied.ForgetOwner(fraud);
        applied.Get(Desired).Should().BeNull();
        applied.Record(fraud, answer, "1", Hash);
        applied.Forget(answer);
        applied.Count.Should().Be(0);
    }
}
