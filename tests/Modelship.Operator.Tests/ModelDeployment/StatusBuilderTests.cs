using Modelship.Api.Conditions;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Tests.ModelDeployment.Builders;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Tests.ModelDeployment;

public sealed class StatusBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);
    private static readonly ModelSpec V1 = new() { Uri = "https://m/v1.onnx", Version = "v1" };
    private static readonly ModelSpec V2 = new() { Uri = "https://m/v2.onnx", Version = "v2" };
    private static readonly ModelVersionStatus V1Active = new() { Version = "v1", Uri = V1.Uri, Since = Now.AddDays(-1) };

    private static RoutingBackend Backend(string name, string version, BackendRole role, int weight = 0) =>
        new() { Name = name, Version = version, Role = role, Weight = weight, Url = $"http://fraud-{version}", ModelName = "fraud" };

    private static readonly RoutingTable Table = new() { Generation = 4, ModelName = "fraud", Backends = [Backend("champion", "v1", BackendRole.Champion)] };

    /// <summary>v1 Available, in the table (generation 4), served by every router.</summary>
    private static StatusFacts Serving() => new()
    {
        Now = Now,
        Suspended = false,
        Plan = new VersionPlan(V1Active, V1, null, null, null),
        Active = V1Active,
        History = [new ModelHistoryEntry { Version = "v1", Uri = V1.Uri, ActivatedAt = Now.AddDays(-1), Outcome = HistoryOutcome.Active }],
        Table = Table,
        ServedGeneration = 4,
        ServedSince = Now.AddMinutes(-1),
        ChampionAvailable = true,
        ReadyChallengers = 0,
        DeclaredChallengers = 0,
        Endpoint = "http://fraud.risk.svc.cluster.local",
    };

    public static TheoryData<string, StatusFacts, ModelDeploymentPhase, (ConditionStatus, string), (ConditionStatus, string), (ConditionStatus, string), string?> Cases => new()
    {
        // name, facts, phase, Ready, Progressing, Degraded, modelSummary
        { "serving", Serving(), ModelDeploymentPhase.Active,
            (ConditionStatus.True, ConditionReasons.Available), (ConditionStatus.False, ConditionReasons.AsExpected), (ConditionStatus.False, ConditionReasons.AsExpected), "v1" },
        { "first-deploy", Serving() with { Active = null, History = [], Table = null, ServedGeneration = null, ServedSince = null, ChampionAvailable = false }, ModelDeploymentPhase.Deploying,
            (ConditionStatus.False, ConditionReasons.Deploying), (ConditionStatus.True, ConditionReasons.Deploying), (ConditionStatus.False, ConditionReasons.AsExpected), "v1 (deploying)" },
        { "waiting-for-routers", Serving() with { ServedGeneration = 3, ServedSince = null }, ModelDeploymentPhase.Deploying,
            (ConditionStatus.False, ConditionReasons.WaitingForRouters), (ConditionStatus.True, ConditionReasons.WaitingForRouters), (ConditionStatus.False, ConditionReasons.AsExpected), "v1" },
        { "no-ready-router", Serving() with { ServedGeneration = null, ServedSince = null }, ModelDeploymentPhase.Deploying,
            (ConditionStatus.False, ConditionReasons.WaitingForRouters), (ConditionStatus.True, ConditionReasons.WaitingForRouters), (ConditionStatus.False, ConditionReasons.AsExpected), "v1" },
        { "champion-lost", Serving() with { ChampionAvailable = false }, ModelDeploymentPhase.Deploying,
            (ConditionStatus.False, ConditionReasons.Deploying), (ConditionStatus.True, ConditionReasons.Deploying), (ConditionStatus.False, ConditionReasons.AsExpected), "v1" },
        { "suspended", Serving() with { Suspended = true, ChampionAvailable = false }, ModelDeploymentPhase.Stopped,
            (ConditionStatus.False, ConditionReasons.SuspendedBySpec), (ConditionStatus.False, ConditionReasons.AsExpected), (ConditionStatus.False, ConditionReasons.AsExpected), "v1" },
        { "replacing", Serving() with { Plan = new VersionPlan(V1Active, null, V2, Now.AddMinutes(-2), null), Rollout = ("ShiftingTraffic", "routing 20% of traffic to the new version") }, ModelDeploymentPhase.Deploying,
            (ConditionStatus.True, ConditionReasons.Available), (ConditionStatus.True, "ShiftingTraffic"), (ConditionStatus.False, ConditionReasons.AsExpected), "v1 (v2 deploying)" },
        { "failed", Serving() with { Plan = new VersionPlan(V1Active, null, null, null, new ModelHistoryEntry { Version = "v2", Uri = V2.Uri, Outcome = HistoryOutcome.Failed }), Failure = (ConditionReasons.ProgressDeadlineExceeded, "ProgressDeadlineExceeded: late") },
            ModelDeploymentPhase.Active, (ConditionStatus.True, ConditionReasons.Available), (ConditionStatus.False, ConditionReasons.AsExpected), (ConditionStatus.True, ConditionReasons.ProgressDeadlineExceeded), "v1" },
        { "router-role-missing", Serving() with { RouterProblem = "ClusterRole modelship-router does not exist" }, ModelDeploymentPhase.Active,
            (ConditionStatus.True, ConditionReasons.Available), (ConditionStatus.False, ConditionReasons.AsExpected), (ConditionStatus.True, ConditionReasons.RouterClusterRoleMissing), "v1" },
        { "auth-secret-missing", Serving() with { AuthProblem = "Secret risk/fraud-tokens (spec.auth.bearerTokens.secretName) does not exist" }, ModelDeploymentPhase.Active,
            (ConditionStatus.True, ConditionReasons.Available), (ConditionStatus.False, ConditionReasons.AsExpected), (ConditionStatus.True, ConditionReasons.AuthSecretMissing), "v1" },
        { "router-role-before-auth-secret", Serving() with { RouterProblem = "missing", AuthProblem = "missing too" }, ModelDeploymentPhase.Active,
            (ConditionStatus.True, ConditionReasons.Available), (ConditionStatus.False, ConditionReasons.AsExpected), (ConditionStatus.True, ConditionReasons.RouterClusterRoleMissing), "v1" },
        { "failure-before-router-role", Serving() with { RouterProblem = "missing", Failure = (ConditionReasons.RolloutAborted, "RolloutAborted: x") }, ModelDeploymentPhase.Active,
            (ConditionStatus.True, ConditionReasons.Available), (ConditionStatus.False, ConditionReasons.AsExpected), (ConditionStatus.True, ConditionReasons.RolloutAborted), "v1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Status_follows_from_the_facts(string name, StatusFacts facts, ModelDeploymentPhase phase,
        (ConditionStatus Status, string Reason) ready, (ConditionStatus Status, string Reason) progressing, (ConditionStatus Status, string Reason) degraded, string? summary)
    {
        var status = StatusBuilder.Build(Samples.Fraud(), facts);

        status.Phase.Should().Be(phase, name);
        (ConditionList.Find(status.Conditions, ConditionTypes.Ready)!.Status, ConditionList.Find(status.Conditions, ConditionTypes.Ready)!.Reason).Should().Be(ready, name);
        (ConditionList.Find(status.Conditions, ConditionTypes.Progressing)!.Status, ConditionList.Find(status.Conditions, ConditionTypes.Progressing)!.Reason).Should().Be(progressing, name);
        (ConditionList.Find(status.Conditions, ConditionTypes.Degraded)!.Status, ConditionList.Find(status.Conditions, ConditionTypes.Degraded)!.Reason).Should().Be(degraded, name);
        ConditionList.IsTrue(status.Conditions, ConditionTypes.Suspended).Should().Be(facts.Suspended, name);
        status.ModelSummary.Should().Be(summary, name);
        status.ObservedGeneration.Should().Be(3, "the generation the status describes");
        status.Conditions!.Should().OnlyContain(c => c.ObservedGeneration == 3);
    }

    private static MD Owned(ModelDeploymentStatus status)
    {
        var deployment = Samples.Fraud();
        deployment.Status = status;
        return deployment;
    }

    [Fact]
    public void Everything_the_facts_carry_is_reported()
    {
        var facts = Serving() with
        {
            Plan = new VersionPlan(V1Active, null, V2, Now.AddMinutes(-2), null),
            ReplacementValidation = new ReplacementValidationStatus { Version = "v2", Status = ValidationResult.Passing },
            ReadyChallengers = 1,
            DeclaredChallengers = 2,
        };

        var status = StatusBuilder.Build(Samples.Fraud(), facts);

        status.ActiveModel.Should().Be(V1Active);
        status.PendingModel.Should().Be(new ModelVersionStatus { Version = "v2", Uri = V2.Uri, Since = Now.AddMinutes(-2) });
        status.ReplacementValidation.Should().Be(facts.ReplacementValidation);
        status.History.Should().Equal(facts.History);
        status.TrafficSummary.Should().Be("1/2");
        status.Endpoint.Should().Be("http://fraud.risk.svc.cluster.local");
        status.RoutingGeneration.Should().Be(4);
        status.ServedGeneration.Should().Be(4);
        status.ServedSince.Should().Be(Now.AddMinutes(-1));
        status.Traffic.Should().Equal(new TrafficBackendStatus { Name = "champion", Version = "v1", Role = TrafficRole.Champion, Weight = 100 });
        StatusBuilder.Build(Samples.Fraud(), Serving() with { History = [] }).History.Should().BeNull("an empty history is left out");
    }

    [Fact]
    public void Without_a_table_the_routing_generation_recorded_before_is_kept()
    {
        var owner = Owned(new ModelDeploymentStatus { RoutingGeneration = 7 });

        var status = StatusBuilder.Build(owner, Serving() with { Table = null, ServedGeneration = null, ServedSince = null });

        status.RoutingGeneration.Should().Be(7, "a new table continues from it");
        status.Traffic.Should().BeNull();
    }

    [Fact]
    public void A_condition_keeps_its_transition_time_while_its_status_stays()
    {
        var first = StatusBuilder.Build(Samples.Fraud(), Serving());
        var owner = Owned(first);

        var later = StatusBuilder.Build(owner, Serving() with { Now = Now.AddHours(1), Rollout = ("ShiftingTraffic", "moving") });

        ConditionList.Find(later.Conditions, ConditionTypes.Ready)!.LastTransitionTime.Should().Be(Now, "Ready stayed True");
        ConditionList.Find(later.Conditions, ConditionTypes.Progressing)!.LastTransitionTime.Should().Be(Now.AddHours(1), "Progressing became True");
        StatusBuilder.Build(owner, Serving() with { Now = Now.AddHours(1) }).Should().BeEquivalentTo(first, "nothing changed, so nothing is written");
    }

    [Fact]
    public void Traffic_gives_the_champion_what_challengers_leave_and_shadows_nothing()
    {
        var table = Table with
        {
            Backends =
            [
                Backend("champion", "v1", BackendRole.Champion),
                Backend("b", "b1", BackendRole.Challenger, 10),
                Backend(RoutedBackends.CanaryName, "v2", BackendRole.Challenger, 20),
                Backend("s", "s1", BackendRole.Shadow),
            ],
        };

        StatusBuilder.Traffic(table).Select(t => (t.Name, t.Role, t.Weight)).Should().Equal(
            ("champion", TrafficRole.Champion, 70),
            ("b", TrafficRole.Challenger, 10),
            (RoutedBackends.CanaryName, TrafficRole.Canary, 20),
            ("s", TrafficRole.Shadow, 0));
    }

    [Fact]
    public void An_invalid_spec_fails_Ready_and_Progressing_and_keeps_the_rest()
    {
        var serving = StatusBuilder.Build(Samples.Fraud(), Serving());
        var owner = Owned(serving);

        var status = StatusBuilder.Invalid(owner, "spec.traffic: weights add up to 120", Now.AddHours(1));

        status.Phase.Should().Be(ModelDeploymentPhase.Failed);
        ConditionList.Find(status.Conditions, ConditionTypes.Ready).Should().Match<Condition>(c =>
            c.Status == ConditionStatus.False && c.Reason == ConditionReasons.InvalidSpec && c.Message == "spec.traffic: weights add up to 120" && c.LastTransitionTime == Now.AddHours(1));
        ConditionList.Find(status.Conditions, ConditionTypes.Progressing).Should().Match<Condition>(c => c.Status == ConditionStatus.False && c.Reason == ConditionReasons.InvalidSpec);
        ConditionList.Find(status.Conditions, ConditionTypes.Degraded).Should().Be(ConditionList.Find(serving.Conditions, ConditionTypes.Degraded));
        status.ActiveModel.Should().Be(serving.ActiveModel, "what serves keeps serving");
        status.Traffic.Should().Equal(serving.Traffic);
        StatusBuilder.Invalid(Samples.Fraud(), "bad", Now).ActiveModel.Should().BeNull("nothing was deployed");
    }
}
