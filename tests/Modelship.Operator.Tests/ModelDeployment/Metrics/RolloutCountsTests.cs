using Modelship.Kubernetes.Controllers;
using Modelship.Operator.Controllers.ModelDeployment.Metrics;

namespace Modelship.Operator.Tests.ModelDeployment.Metrics;

public sealed class RolloutCountsTests
{
    private static readonly ObjectKey Fraud = new("risk", "fraud");

    [Fact]
    public void The_same_end_decided_again_on_a_stale_cache_is_counted_once()
    {
        var counts = new RolloutCounts();

        counts.Ended(Fraud, 2, "v2", RolloutResults.Aborted).Should().BeTrue();
        counts.Ended(Fraud, 2, "v2", RolloutResults.Aborted).Should().BeFalse("the second reconcile saw the ModelDeployment before the first one's status write");

        counts.Count(Fraud, RolloutResults.Aborted).Should().Be(1);
    }

    [Fact]
    public void Another_generation_or_version_is_another_rollout()
    {
        var counts = new RolloutCounts();

        counts.Ended(Fraud, 2, "v2", RolloutResults.Failed);
        counts.Ended(Fraud, 3, "v2", RolloutResults.Failed);
        counts.Ended(Fraud, 3, "v3", RolloutResults.Completed);
        counts.Ended(new ObjectKey("risk", "churn"), 3, "v3", RolloutResults.Completed);

        counts.Count(Fraud, RolloutResults.Failed).Should().Be(2);
        counts.Count(Fraud, RolloutResults.Completed).Should().Be(1);
        counts.Count(Fraud, RolloutResults.Aborted).Should().Be(0);
    }

    [Fact]
    public void Forgetting_a_deleted_ModelDeployment_starts_a_new_one_of_the_same_name_from_0()
    {
        var counts = new RolloutCounts();
        counts.Ended(Fraud, 2, "v2", RolloutResults.Completed);

        counts.KeepOnly(new HashSet<ObjectKey>());

        counts.Count(Fraud, RolloutResults.Completed).Should().Be(0);
        counts.Ended(Fraud, 2, "v2", RolloutResults.Completed).Should().BeTrue("the recreated ModelDeployment's rollout is a new one");
    }
}
