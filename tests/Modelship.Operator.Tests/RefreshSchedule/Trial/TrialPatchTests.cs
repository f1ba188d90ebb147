using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.RefreshSchedule.Trial;
using Modelship.Operator.Tests.ModelDeployment.Builders;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Tests.RefreshSchedule.Trial;

/// <summary>The merge patches that put a candidate on trial, withdraw it and promote it, keeping everyone else's backends.</summary>
public sealed class TrialPatchTests
{
    private static readonly RefreshTrial Trial = new()
    {
        StartedAt = DateTimeOffset.UnixEpoch,
        Version = "v3",
        Uri = "s3://models/fraud/v3.onnx",
        Sha256 = new string('b', 64),
        ChampionVersion = "v2",
        Phase = RefreshTrialPhase.Shadow,
        PhaseStartedAt = DateTimeOffset.UnixEpoch,
    };

    private static MD Target(TrafficSpec? traffic = null)
    {
        var target = Samples.Fraud(spec => spec with { Model = spec.Model with { Format = ModelFormat.Onnx }, Traffic = traffic });
        target.Metadata.ResourceVersion = "42";
        return target;
    }

    private static readonly ChallengerSpec Blue = new() { Name = "blue", Model = new ModelSpec { Uri = "file:///m/blue.onnx", Version = "blue-1" }, Weight = 20 };
    private static readonly ShadowSpec Audit = new() { Name = "audit", Model = new ModelSpec { Uri = "file:///m/audit.onnx", Version = "audit-1" } };

    [Fact]
    public void A_shadow_trial_adds_the_candidate_with_the_champions_format_and_keeps_the_other_backends()
    {
        var patch = TrialPatch.PutOnTrial(Target(new TrafficSpec { Challengers = [Blue], Shadows = [Audit] }), Trial, 10);

        patch["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be("42", "a list changed by someone else in between fails with 409");
        var traffic = patch["spec"]!["traffic"]!;
        traffic["challengers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().Equal("blue");
        traffic["shadows"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().Equal("audit", "refresh-candidate");
        var candidate = traffic["shadows"]![1]!["model"]!;
        candidate["uri"]!.GetValue<string>().Should().Be("s3://models/fraud/v3.onnx");
        candidate["version"]!.GetValue<string>().Should().Be("v3");
        candidate["format"]!.GetValue<string>().Should().Be("onnx");
    }

    [Fact]
    public void The_canary_phase_moves_the_candidate_from_the_shadows_to_the_challengers()
    {
        var shadowing = Target(new TrafficSpec { Shadows = [new ShadowSpec { Name = TrialPatch.Name, Model = new ModelSpec { Uri = Trial.Uri, Version = "v3" } }] });
        var patch = TrialPatch.PutOnTrial(shadowing, Trial with { Phase = RefreshTrialPhase.Canary }, 15);

        var traffic = patch["spec"]!["traffic"]!.AsObject();
        traffic["shadows"].Should().BeNull("an empty list is removed");
        traffic.ContainsKey("shadows").Should().BeTrue();
        traffic["challengers"]![0]!["name"]!.GetValue<string>().Should().Be(TrialPatch.Name);
        traffic["challengers"]![0]!["weight"]!.GetValue<int>().Should().Be(15);
    }

    [Fact]
    public void Withdrawing_removes_only_the_candidate_and_is_nothing_when_it_is_not_there()
    {
        TrialPatch.Withdraw(Target(new TrafficSpec { Challengers = [Blue] })).Should().BeNull();

        var withdraw = TrialPatch.Withdraw(Target(new TrafficSpec { Challengers = [Blue, Blue with { Name = TrialPatch.Name, Weight = 10 }] }))!;
        withdraw["spec"]!["traffic"]!["challengers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().Equal("blue");
    }

    [Fact]
    public void Promotion_makes_the_candidate_the_model_with_the_scheduled_refresh_reason_and_takes_it_out_of_the_challengers_in_one_write()
    {
        var canary = Target(new TrafficSpec { Challengers = [Blue with { Name = TrialPatch.Name, Model = new ModelSpec { Uri = Trial.Uri, Version = "v3" } }] });
        var patch = TrialPatch.Promote(canary, Trial with { Phase = RefreshTrialPhase.Canary });

        patch["spec"]!["model"]!["version"]!.GetValue<string>().Should().Be("v3");
        patch["spec"]!["model"]!["sha256"]!.GetValue<string>().Should().Be(new string('b', 64));
        patch["spec"]!["replacement"]!["reason"]!.GetValue<string>().Should().Be("SCHEDULED_REFRESH");
        patch["spec"]!["traffic"]!["challengers"].Should().BeNull();
        patch["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be("42");
    }

    [Fact]
    public void A_target_without_room_for_the_canary_or_serving_the_version_already_refuses_it()
    {
        TrialPatch.Conflict(Target(new TrafficSpec { Challengers = [Blue with { Weight = 95 }] }), Trial with { Phase = RefreshTrialPhase.Canary }, 10)
            .Should().Be("ModelDeployment fraud's challengers answer 95% of the requests: no room for a canary at 10%");
        TrialPatch.Conflict(Target(new TrafficSpec { Challengers = [Blue with { Weight = 95 }] }), Trial, 10).Should().BeNull("a shadow takes no weight");
        TrialPatch.Conflict(Target(new TrafficSpec { Shadows = [Audit with { Model = Audit.Model with { Version = "v3" } }] }), Trial, 10)
            .Should().Be("version v3 is already served by audit in ModelDeployment fraud; it cannot be put on trial beside it");
    }
}
