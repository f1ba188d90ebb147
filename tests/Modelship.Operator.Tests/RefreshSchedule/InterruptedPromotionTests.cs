using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.RefreshSchedule;
using Modelship.Registry;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using Schedule = Modelship.Api.V1Alpha1.RefreshSchedule;

namespace Modelship.Operator.Tests.RefreshSchedule;

/// <summary>A run found its candidate already the champion: the record of an interrupted promotion, or nothing new.</summary>
public class InterruptedPromotionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 3, 0, 5, TimeSpan.Zero);

    private static readonly ModelVersion Candidate = new("1.1.0", "/models/iris/1.1.0", null, Now, new Dictionary<string, double> { ["accuracy"] = 0.93 }, ModelVersion.NoAliases);

    private static readonly RefreshRunDecision NoNewVersion = new(RefreshRunResult.NoNewVersion, Candidate, null, [], "version 1.1.0 is already the champion");

    private static MD Target(string? promotedBy = "nightly", ReplacementReason? reason = ReplacementReason.ScheduledRefresh, string version = "1.1.0") => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "iris",
            Annotations = promotedBy is null ? null : new Dictionary<string, string> { [TargetModelPatch.PromotedByAnnotation] = promotedBy },
        },
        Spec = new ModelDeploymentSpec
        {
            Model = new ModelSpec { Uri = $"file:///models/iris/{version}", Version = version },
            Replacement = reason is null ? null : new ReplacementSpec { Reason = reason },
        },
    };

    private static Schedule Nightly(string? promoted = "1.0.0") => new()
    {
        Metadata = new V1ObjectMeta { Name = "nightly" },
        Spec = new RefreshScheduleSpec
        {
            Schedule = "0 3 * * *",
            Target = new RefreshTarget { ModelDeployment = "iris" },
            Source = new RefreshSource { Directory = new DirectoryVersionSourceSpec { Path = "/models/iris" } },
        },
        Status = promoted is null ? null : new RefreshScheduleStatus
        {
            Promoted = new RefreshPromotedVersion { Version = promoted, Uri = $"file:///models/iris/{promoted}", PromotedAt = Now.AddDays(-1) },
        },
    };

    [Fact]
    public void The_candidate_this_schedule_patched_in_without_a_record_is_recorded_with_its_metrics()
    {
        var promoted = InterruptedPromotion.Recognize(Nightly(), Target(), NoNewVersion, Now);

        promoted.Should().BeEquivalentTo(new RefreshPromotedVersion
        {
            Version = "1.1.0",
            Uri = "file:///models/iris/1.1.0",
            PromotedAt = Now,
            Metrics = new Dictionary<string, double> { ["accuracy"] = 0.93 },
        });
        InterruptedPromotion.Recognize(Nightly(promoted: null), Target(), NoNewVersion, Now).Should().NotBeNull("a first promotion can be cut off too");
    }

    public static TheoryData<string, Schedule, MD, RefreshRunDecision> NotInterrupted => new()
    {
        { "already recorded", Nightly(promoted: "1.1.0"), Target(), NoNewVersion },
        { "set by hand, no annotation", Nightly(), Target(promotedBy: null), NoNewVersion },
        { "promoted by another schedule", Nightly(), Target(promotedBy: "hourly"), NoNewVersion },
        { "a person changed the reason since", Nightly(), Target(reason: ReplacementReason.Accuracy), NoNewVersion },
        { "the champion is another version", Nightly(), Target(version: "1.0.5"), NoNewVersion },
        { "a run that found something else", Nightly(), Target(), NoNewVersion with { Result = RefreshRunResult.Rejected } },
        { "no candidate", Nightly(), Target(), new RefreshRunDecision(RefreshRunResult.NoNewVersion, null, null, [], "the source lists no versions") },
    };

    [Theory]
    [MemberData(nameof(NotInterrupted))]
    public void Otherwise_the_decision_stands(string why, Schedule schedule, MD target, RefreshRunDecision decision) =>
        InterruptedPromotion.Recognize(schedule, target, decision, Now).Should().BeNull(why);
}
