using k8s;
using k8s.Models;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment;

namespace Modelship.Operator.Tests.ModelDeployment;

public sealed class ChildConflictsTests
{
    private static V1Service Owned(string kind, string uid) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta
        {
            Name = "iris",
            NamespaceProperty = "risk",
            OwnerReferences = [new V1OwnerReference { ApiVersion = "modelship.dev/v1alpha1", Kind = kind, Name = "iris", Uid = uid, Controller = true }],
        },
    };

    [Fact]
    public void Missing_or_own_children_are_no_conflict() =>
        ChildConflicts.Find("a", "Pipeline", [null, Owned("Pipeline", "a")]).Should().BeNull();

    [Fact]
    public void A_child_of_another_controller_is_named_with_its_owner() =>
        ChildConflicts.Find("a", "Pipeline", [null, Owned("ModelDeployment", "b")]).Should()
            .Be("Service iris belongs to ModelDeployment iris: a Pipeline cannot share its name with a ModelDeployment of the same namespace; rename one of them");
}
