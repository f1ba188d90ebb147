using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.RefreshSchedule.Trial;
using Modelship.Operator.Tests.ModelDeployment.Builders;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Tests.RefreshSchedule.Trial;

/// <summary>Where a trial stands, from status.trial, the target and the time: what a restarted operator goes on from.</summary>
public sealed class TrialProgressTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-12-07T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    private static readonly RefreshTrial Trial = new()
    {
        StartedAt = Start,
        Version = "v3",
        Uri = "file:///m/v3.onnx",
        ChampionVersion = "v2",
        Phase = RefreshTrialPhase.Shadow,
        PhaseStartedAt = Start,
    };

    private static MD Target(bool holdsCandidate = true, bool served = false, string champion = "v2")
    {
        var target = Samples.Fraud(spec => spec with
        {
            Model = spec.Model with { Version = champion },
            Traffic = holdsCandidate ? new TrafficSpec { Shadows = [new ShadowSpec { Name = TrialPatch.Name, Model = new ModelSpec { Uri = "file:///m/v3.onnx", Version = "v3" } }] } : null,
        });
        target.Status = new ModelDeploymentStatus
        {
            ObservedGeneration = target.Metadata.Generation,
            RoutingGeneration = 7,
            ServedGeneration = served ? 7 : 6,
            Traffic = holdsCandidate ? [new TrafficBackendStatus { Name = TrialPatch.Name, Version = "v3", Role = TrafficRole.Shadow, Weight = 0 }] : [],
        };
        return target;
    }

    private static TrialAssessment Assess(RefreshTrial trial, MD? target, TimeSpan after) => TrialProgress.Assess(trial, target, Start + after, Window, Deadline);

    [Fact]
    public void A_trial_not_yet_in_the_targets_spec_is_put_there() =>
        Assess(Trial, Target(holdsCandidate: false), TimeSpan.Zero).Step.Should().Be(TrialStep.PutOnTrial);

    [Fact]
    public void In_the_spec_but_not_served_by_every_router_it_is_polled_until_the_targets_deadline()
    {
        Assess(Trial, Target(), TimeSpan.FromMinutes(1)).Should().Be(new TrialAssessment(TrialStep.WaitForServing, TrialProgress.ServingPoll));
        var late = Assess(Trial, Target(), TimeSpan.FromMinutes(6));
        late.Step.Should().Be(TrialStep.NotServed);
        late.Message.Should().Be("version v3 was not served as a shadow within 300 s (the target's progressDeadlineSeconds); the champion v2 stays");
    }

    [Fact]
    public void The_window_starts_when_every_router_serves_it_and_is_judged_when_it_ends()
    {
        Assess(Trial, Target(served: true), TimeSpan.FromMinutes(1)).Step.Should().Be(TrialStep.StartWindow);
        var served = Trial with { ServedAt = Start.AddMinutes(1) };
        Assess(served, Target(served: true), TimeSpan.FromMinutes(4)).Should().Be(new TrialAssessment(TrialStep.Observe, TimeSpan.FromMinutes(7)));
        Assess(served, Target(served: true), TimeSpan.FromMinutes(11)).Step.Should().Be(TrialStep.Judge);
    }

    [Fact]
    public void A_target_whose_status_is_behind_its_spec_is_not_served_yet()
    {
        var target = Target(served: true);
        target.Status = target.Status! with { ObservedGeneration = target.Metadata.Generation - 1 };
        TrialProgress.Served(target, Trial).Should().BeFalse();
        TrialProgress.Served(Target(served: true), Trial with { Phase = RefreshTrialPhase.Canary }).Should().BeFalse("a shadow is not the canary role");
    }

    [Fact]
    public void A_trial_ends_when_its_target_is_gone_or_its_champion_changed()
    {
        Assess(Trial, null, TimeSpan.Zero).Step.Should().Be(TrialStep.Abandon);
        var changed = Assess(Trial, Target(champion: "v9"), TimeSpan.Zero);
        changed.Step.Should().Be(TrialStep.Abandon);
        changed.Message.Should().Be("the target's champion changed from v2 to v9 during the trial of version v3; the candidate is withdrawn");
    }
}
