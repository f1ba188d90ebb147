using Modelship.Kubernetes.Controllers;
using Modelship.Operator.Controllers.ModelDeployment;

namespace Modelship.Operator.Tests.ModelDeployment;

public sealed class SupersededVersionsTests
{
    private static readonly ObjectKey Fraud = new("risk", "fraud");

    [Fact]
    public void A_cache_still_at_a_version_our_writes_replaced_is_behind_until_it_shows_another()
    {
        var superseded = new SupersededVersions();
        superseded.IsSuperseded(Fraud, "10").Should().BeFalse("nothing written yet");

        superseded.WroteOver(Fraud, "10"); // status write: 10 -> 11
        superseded.WroteOver(Fraud, "11"); // annotation removal: 11 -> 12

        superseded.IsSuperseded(Fraud, "10").Should().BeTrue();
        superseded.IsSuperseded(Fraud, "11").Should().BeTrue();
        superseded.IsSuperseded(new ObjectKey("risk", "churn"), "10").Should().BeFalse("another object");
        superseded.IsSuperseded(Fraud, "12").Should().BeFalse("the cache caught up");
        superseded.IsSuperseded(Fraud, "10").Should().BeFalse("once caught up, the cache does not go back");
    }

    [Fact]
    public void A_deleted_object_is_forgotten()
    {
        var superseded = new SupersededVersions();
        superseded.WroteOver(Fraud, "10");

        superseded.Forget(Fraud);

        superseded.IsSuperseded(Fraud, "10").Should().BeFalse();
    }
}
