using Modelship.Api.Serialization;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers;

namespace Modelship.Operator.Tests;

public sealed class ConditionalStatusPatchTests
{
    private static readonly PipelineStatus Ready = new() { ObservedGeneration = 2, Phase = PipelinePhase.Active, Endpoint = "http://p.ns.svc:80", ServedGeneration = 3 };

    [Fact]
    public void An_equal_status_needs_no_write()
    {
        ConditionalStatusPatch.From(Ready, Ready with { }, ModelshipApiJsonContext.Default.PipelineStatus, "41").Should().BeNull();
    }

    [Fact]
    public void A_changed_status_is_patched_from_the_version_it_was_computed_from_and_dropped_fields_are_nulled()
    {
        var patch = ConditionalStatusPatch.From(Ready, Ready with { ServedGeneration = null, ObservedGeneration = 3 }, ModelshipApiJsonContext.Default.PipelineStatus, "41")!;

        patch["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be("41");
        patch["status"]!["observedGeneration"]!.GetValue<long>().Should().Be(3);
        patch["status"]!.AsObject().ContainsKey("servedGeneration").Should().BeTrue();
        patch["status"]!["servedGeneration"].Should().BeNull("a field that disappeared is removed by sending null");
    }

    [Fact]
    public void The_first_status_is_written_whole()
    {
        var patch = ConditionalStatusPatch.From(null, Ready, ModelshipApiJsonContext.Default.PipelineStatus, "7")!;

        patch["status"]!["phase"]!.GetValue<string>().Should().Be("Active");
        patch["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be("7");
    }

    [Fact]
    public void A_field_dropped_inside_a_nested_object_is_nulled_too_or_the_merge_patch_would_keep_it()
    {
        var trial = new RefreshTrial
        {
            StartedAt = DateTimeOffset.UnixEpoch,
            Version = "v2",
            Uri = "file:///m/v2",
            ChampionVersion = "v1",
            Phase = RefreshTrialPhase.Shadow,
            PhaseStartedAt = DateTimeOffset.UnixEpoch,
            ServedAt = DateTimeOffset.UnixEpoch,
        };
        var previous = new RefreshScheduleStatus { Trial = trial };

        var patch = ConditionalStatusPatch.From(previous, previous with { Trial = trial with { Phase = RefreshTrialPhase.Canary, ServedAt = null } }, ModelshipApiJsonContext.Default.RefreshScheduleStatus, "9")!;

        var sent = patch["status"]!["trial"]!.AsObject();
        sent["phase"]!.GetValue<string>().Should().Be("Canary");
        sent.ContainsKey("servedAt").Should().BeTrue();
        sent["servedAt"].Should().BeNull();
    }
}
