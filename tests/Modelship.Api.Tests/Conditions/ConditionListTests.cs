using Modelship.Api.Conditions;

namespace Modelship.Api.Tests.Conditions;

public class ConditionListTests
{
    private static readonly DateTimeOffset s_earlier = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_later = s_earlier.AddMinutes(5);

    private static Condition Ready(ConditionStatus status, DateTimeOffset at, string reason = ConditionReasons.Available, long generation = 1) => new()
    {
        Type = ConditionTypes.Ready,
        Status = status,
        LastTransitionTime = at,
        Reason = reason,
        Message = $"{reason} at generation {generation}",
        ObservedGeneration = generation,
    };

    [Fact]
    public void Same_status_keeps_the_last_transition_time_and_takes_the_rest()
    {
        var updated = ConditionList.Set([Ready(ConditionStatus.True, s_earlier)], Ready(ConditionStatus.True, s_later, ConditionReasons.AsExpected, generation: 2));

        updated.Should().ContainSingle().Which.Should().Be(Ready(ConditionStatus.True, s_earlier, ConditionReasons.AsExpected, generation: 2));
    }

    [Fact]
    public void Changed_status_takes_the_new_transition_time()
    {
        var updated = ConditionList.Set([Ready(ConditionStatus.True, s_earlier)], Ready(ConditionStatus.False, s_later, ConditionReasons.ReplicasUnavailable));

        updated.Should().ContainSingle().Which.LastTransitionTime.Should().Be(s_later);
        updated[0].Status.Should().Be(ConditionStatus.False);
    }

    [Fact]
    public void A_new_type_is_appended_and_other_types_keep_their_place()
    {
        var suspended = new Condition { Type = ConditionTypes.Suspended, Status = ConditionStatus.False, LastTransitionTime = s_earlier, Reason = ConditionReasons.NotSuspended };
        var progressing = new Condition { Type = ConditionTypes.Progressing, Status = ConditionStatus.True, LastTransitionTime = s_later, Reason = ConditionReasons.RolloutInProgress };

        var updated = ConditionList.Set(ConditionList.Set([suspended, Ready(ConditionStatus.True, s_earlier)], progressing), Ready(ConditionStatus.Unknown, s_later));

        updated.Select(c => c.Type).Should().Equal(ConditionTypes.Suspended, ConditionTypes.Ready, ConditionTypes.Progressing);
        updated[1].LastTransitionTime.Should().Be(s_later);
    }

    [Fact]
    public void Setting_into_nothing_creates_the_list()
    {
        ConditionList.Set(null, Ready(ConditionStatus.True, s_earlier)).Should().Equal(Ready(ConditionStatus.True, s_earlier));
    }

    [Fact]
    public void Duplicate_entries_of_a_type_collapse_to_one()
    {
        var updated = ConditionList.Set([Ready(ConditionStatus.True, s_earlier), Ready(ConditionStatus.False, s_earlier)], Ready(ConditionStatus.True, s_later));

        updated.Should().ContainSingle().Which.LastTransitionTime.Should().Be(s_earlier);
    }

    [Fact]
    public void Find_and_IsTrue_read_by_type()
    {
        IReadOnlyList<Condition> conditions = [Ready(ConditionStatus.True, s_earlier)];

        ConditionList.IsTrue(conditions, ConditionTypes.Ready).Should().BeTrue();
        ConditionList.IsTrue(conditions, ConditionTypes.Degraded).Should().BeFalse();
        ConditionList.Find(conditions, ConditionTypes.Degraded).Should().BeNull();
    }

    [Fact]
    public void SameFacts_ignores_order_but_not_content()
    {
        var suspended = new Condition { Type = ConditionTypes.Suspended, Status = ConditionStatus.False, LastTransitionTime = s_earlier, Reason = ConditionReasons.NotSuspended };
        var ready = Ready(ConditionStatus.True, s_earlier);

        ConditionList.SameFacts([ready, suspended], [suspended, ready]).Should().BeTrue();
        ConditionList.SameFacts([ready, suspended], [suspended, ready with { Message = "other" }]).Should().BeFalse();
        ConditionList.SameFacts([ready], [ready, suspended]).Should().BeFalse();
    }
}
