using Modelship.Kubernetes.Controllers;
using Modelship.Operator.Controllers.ModelDeployment.Metrics;

namespace Modelship.Operator.Tests.ModelDeployment.Metrics;

public sealed class RolloutCountsTests
{
    private static readonly ObjectKey Fraud = new("risk", "fraud");

    [Fact]
    public void Ends_are_counted_per_ModelDeployment_and_result()
    {
        var counts = new RolloutCounts();

        counts.Ended(Fraud, RolloutResults.Failed);
        counts.Ended(Fraud, RolloutResults.Failed);
        counts.Ended(Fraud, RolloutResults.Completed);
        counts.Ended(new ObjectKey("risk", "churn"), RolloutResults.Completed);

        counts.Count(Fraud, RolloutResults.Failed).Should().Be(2);
        counts.Count(Fraud, RolloutResults.Completed).Should().Be(1);
        counts.Count(Fraud, RolloutResults.Aborted).Should().Be(0);
    }

    [Fact]
    public void Forgetting_a_deleted_ModelDeployment_starts_a_new_one_of_the_same_name_from_0()
    {
        var counts = new RolloutCounts();
        counts.Ended(Fraud, RolloutResults.Completed);

        counts.KeepOnly(new HashSet<ObjectKey>());

        counts.Count(Fraud, RolloutResults.Completed).Should().Be(0);
        counts.Ended(Fraud, RolloutResults.Completed);
        counts.Count(Fraud, RolloutResults.Completed).Should().Be(1);
    }
}
