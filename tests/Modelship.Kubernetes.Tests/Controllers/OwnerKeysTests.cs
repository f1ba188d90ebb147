using k8s.Models;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Tests.Informers;

namespace Modelship.Kubernetes.Tests.Controllers;

public sealed class OwnerKeysTests
{
    private static readonly ResourceType ModelDeploymentType = new("modelship.dev", "v1alpha1", "ModelDeployment", "modeldeployments", Namespaced: true);

    [Fact]
    public void The_controller_owner_of_the_kind_is_enqueued_in_the_owned_objects_namespace()
    {
        var owned = TestObjects.ConfigMap("ns", "runtime", ownerUid: "u1");

        OwnerKeys.ControllerOf(owned, ModelDeploymentType).Should().Equal(new ObjectKey("ns", "owner"));
    }

    [Fact]
    public void Non_controller_owners_and_other_kinds_or_groups_are_ignored()
    {
        var owned = TestObjects.ConfigMap("ns", "runtime");
        owned.Metadata.OwnerReferences =
        [
            new V1OwnerReference { ApiVersion = "modelship.dev/v1alpha1", Kind = "ModelDeployment", Name = "plain", Uid = "1", Controller = false },
            new V1OwnerReference { ApiVersion = "modelship.dev/v1alpha1", Kind = "Pipeline", Name = "pipe", Uid = "2", Controller = true },
            new V1OwnerReference { ApiVersion = "other.dev/v1alpha1", Kind = "ModelDeployment", Name = "foreign", Uid = "3", Controller = true },
        ];

        OwnerKeys.ControllerOf(owned, ModelDeploymentType).Should().BeEmpty();
    }

    [Fact]
    public void A_core_group_owner_matches_an_api_version_without_group()
    {
        var owned = TestObjects.ConfigMap("ns", "cm");
        owned.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "parent", Uid = "1", Controller = true }];

        OwnerKeys.ControllerOf(owned, ResourceType.Of<V1ConfigMap>()).Should().Equal(new ObjectKey("ns", "parent"));
    }
}
