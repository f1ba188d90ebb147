using Modelship.Kubernetes.Controllers;
using Modelship.Operator.Controllers.ModelDeployment.Monitoring;
using static Modelship.Operator.Tests.ModelDeployment.Monitoring.MonitoringReports;

namespace Modelship.Operator.Tests.ModelDeployment.Monitoring;

public sealed class ActualsTallyTests
{
    private static readonly ObjectKey Iris = new("ml", "iris");
    private static readonly HashSet<string> Both = ["a", "b"];

    private static PodReport Pod(string pod, long actuals) => new(pod, Report(actuals));

    [Fact]
    public void Increases_add_up_and_a_restarted_router_counts_from_zero()
    {
        var tally = new ActualsTally();
        tally.Add(Iris, [Pod("a", 10), Pod("b", 5)], Both, statusHasTotal: false).Should().Be(15);
        tally.Add(Iris, [Pod("a", 12), Pod("b", 5)], Both, statusHasTotal: true).Should().Be(2);
        tally.Add(Iris, [Pod("a", 3), Pod("b", 9)], Both, statusHasTotal: true).Should().Be(7, "a went back to 0 and received 3, b received 4");
    }

    [Fact]
    public void A_pod_that_misses_a_read_is_not_counted_twice()
    {
        var tally = new ActualsTally();
        tally.Add(Iris, [Pod("a", 10), Pod("b", 5)], Both, false).Should().Be(15);
        tally.Add(Iris, [Pod("a", 11)], Both, true).Should().Be(1);
        tally.Add(Iris, [Pod("a", 11), Pod("b", 8)], Both, true).Should().Be(3);
    }

    [Fact]
    public void After_an_operator_restart_counters_already_in_status_are_remembered_not_added()
    {
        var restarted = new ActualsTally();
        restarted.Add(Iris, [Pod("a", 12), Pod("b", 5)], Both, statusHasTotal: true).Should().Be(0);
        restarted.Add(Iris, [Pod("a", 20), Pod("b", 5), Pod("c", 4)], new HashSet<string> { "a", "b", "c" }, true).Should().Be(12, "a new router Pod counts in full once the ModelDeployment is known");
    }

    [Fact]
    public void Gone_pods_are_forgotten()
    {
        var (_, seen) = ActualsTally.Increase(new Dictionary<string, long> { ["a"] = 1, ["gone"] = 7 }, [Pod("a", 2)], new HashSet<string> { "a" }, countNewPods: true);
        seen.Keys.Should().Equal("a");
    }
}
