using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;

namespace Modelship.Operator.Tests.ModelDeployment.Rollout;

/// <summary>
/// The drain and canary pause are timed from status.servedSince, so an operator that starts over (nothing in memory,
/// the same status) ends them at the recorded instant, not a full delay after its own start.
/// </summary>
public sealed class RolloutTimersAcrossRestartTests
{
    private static readonly DateTimeOffset ServedAt = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(10);

    private static RoutingTable Table(long generation) => new() { Generation = generation, ModelName = "iris" };

    /// <summary>What a reconcile decides from nothing but the persisted status and what it observes now.</summary>
    private static RolloutDecision ReconcileAt(DateTimeOffset now, ModelDeploymentStatus status, RoutingTable table, int routedWeight, IReadOnlyList<int>? steps = null, IReadOnlyList<TimeSpan>? pauses = null)
    {
        var since = ServedGeneration.Since(status, table, served: table.Generation, now);
        return RolloutStateMachine.Next(new RolloutObservation
        {
            Now = now,
            StartedAt = ServedAt.AddMinutes(-1),
            ProgressDeadline = TimeSpan.FromMinutes(10),
            NewVersionAvailable = true,
            Validation = ValidationResult.Passing,
            StepWeights = steps ?? [],
            StepPauses = pauses ?? [],
            RoutedWeight = routedWeight,
            RoutersServeCurrentTable = true,
            WeightServedSince = since,
            Analysis = AnalysisVerdict.Passing(),
            DrainDelay = Drain,
        });
    }

    [Fact]
    public void The_first_reconcile_that_sees_the_routers_serve_records_the_instant()
    {
        var table = Table(7);
        var previous = new ModelDeploymentStatus { RoutingGeneration = 7, ServedGeneration = 6 };

        ServedGeneration.Since(previous, table, served: 6, ServedAt).Should().BeNull("the routers still serve generation 6");
        ServedGeneration.Since(previous, table, served: 7, ServedAt).Should().Be(ServedAt);
        ServedGeneration.Since(previous with { ServedSince = ServedAt.AddSeconds(-30) }, Table(8), served: 8, ServedAt)
            .Should().Be(ServedAt, "an instant recorded for another generation does not count");
        ServedGeneration.Since(previous with { ServedSince = ServedAt }, table, served: 0, ServedAt.AddSeconds(5))
            .Should().Be(ServedAt, "a router that joins later does not restart the clock");
    }

    [Fact]
    public void A_drain_under_way_ends_at_the_persisted_instant_after_a_restart()
    {
        var table = Table(7);
        var persisted = new ModelDeploymentStatus { RoutingGeneration = 7, ServedGeneration = 7, ServedSince = ServedAt };

        // The operator restarts 8 s into the drain: 2 s are left, not 10.
        var afterRestart = ReconcileAt(ServedAt.AddSeconds(8), persisted, table, routedWeight: 100);
        afterRestart.Action.Should().Be(RolloutAction.Wait);
        afterRestart.Reason.Should().Be(RolloutStateMachine.Draining);
        afterRestart.RequeueAfter.Should().Be(TimeSpan.FromSeconds(2));

        ReconcileAt(ServedAt + Drain, persisted, table, routedWeight: 100).Action.Should().Be(RolloutAction.Complete);
    }

    [Fact]
    public void A_canary_pause_under_way_ends_at_the_persisted_instant_after_a_restart()
    {
        var table = Table(4);
        var persisted = new ModelDeploymentStatus { RoutingGeneration = 4, ServedGeneration = 4, ServedSince = ServedAt };
        IReadOnlyList<int> steps = [20, 50];
        IReadOnlyList<TimeSpan> pauses = [TimeSpan.FromSeconds(60), TimeSpan.Zero];

        var afterRestart = ReconcileAt(ServedAt.AddSeconds(58), persisted, table, routedWeight: 20, steps, pauses);
        afterRestart.Action.Should().Be(RolloutAction.Wait);
        afterRestart.RequeueAfter.Should().Be(TimeSpan.FromSeconds(2));

        var atTheInstant = ReconcileAt(ServedAt.AddSeconds(60), persisted, table, routedWeight: 20, steps, pauses);
        atTheInstant.Action.Should().Be(RolloutAction.Route);
        atTheInstant.Weight.Should().Be(50);
    }
}
