namespace Modelship.IntegrationTests.ArgoCD;

/// <summary>
/// The Argo CD health each observed state must map to: asserted on the live object by the integration tests
/// (<see cref="ArgoCDActionTests"/>) and on the recorded fixture by <see cref="HealthFixtureTests"/>.
/// </summary>
public static class ExpectedHealth
{
    public static IReadOnlyDictionary<string, (string Status, string MessageStart)> Of { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["no-status"] = ("Progressing", "waiting for the controller to report a status"),
        ["deploying"] = ("Progressing", "waiting for the champion's model servers to become Available"),
        ["ready"] = ("Healthy", "version v1 serves traffic"),
        ["stale-generation"] = ("Progressing", "waiting for the controller to observe generation 2"),
        ["suspended"] = ("Suspended", "spec.suspend is true"),
        ["canary"] = ("Progressing", "canary at 20%, pausing before the next step"),
        ["aborted"] = ("Degraded", "RolloutAborted: aborted by user (annotation modelship.dev/abort)"),
        ["promoted"] = ("Healthy", "version v2 serves traffic"),
        ["invalid-spec"] = ("Degraded", "spec.traffic"),
        ["runtime-not-found"] = ("Degraded", "spec.traffic.challengers[0].model.format is custom: no ServingRuntime"),
    };

    public static void Check(ArgoCDHealth health, string state)
    {
        var (status, messageStart) = Of[state];
        health.Status.Should().Be(status, $"state {state}: {health.Message}");
        health.Message.Should().StartWith(messageStart, $"state {state}");
    }
}

/// <summary>The Argo CD health each observed Pipeline state must map to (fixtures under Fixtures/pipeline-*).</summary>
public static class ExpectedPipelineHealth
{
    public static IReadOnlyDictionary<string, (string Status, string MessageStart)> Of { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["pipeline-no-status"] = ("Progressing", "waiting for the controller to report a status"),
        ["pipeline-waiting-for-models"] = ("Progressing", "step 'prep': model 'prep' version v1 is not Available yet"),
        ["pipeline-waiting-for-routers"] = ("Progressing", "waiting for a ready router serving the routing table"),
        ["pipeline-ready"] = ("Healthy", "3 steps serve"),
        ["pipeline-stale-generation"] = ("Progressing", "waiting for the controller to observe generation 2"),
        ["pipeline-updating"] = ("Progressing", "step 'prep': model 'prep' version v2 is not Available yet; version v1 answers meanwhile"),
        ["pipeline-step-not-ready"] = ("Degraded", "step 'classify': ModelDeployment 'iris' is not Ready"),
        ["pipeline-invalid-spec"] = ("Degraded", "spec.steps[1].model.modelDeploymentRef.name: step 'classify': ModelDeployment 'nope' does not exist"),
    };

    public static void Check(ArgoCDHealth health, string state)
    {
        var (status, messageStart) = Of[state];
        health.Status.Should().Be(status, $"state {state}: {health.Message}");
        health.Message.Should().StartWith(messageStart, $"state {state}");
    }
}

/// <summary>The Argo CD health each observed RefreshSchedule state must map to (fixtures under Fixtures/refresh-*).</summary>
public static class ExpectedRefreshScheduleHealth
{
    public static IReadOnlyDictionary<string, (string Status, string MessageStart)> Of { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["refresh-no-status"] = ("Progressing", "waiting for the controller to report a status"),
        ["refresh-scheduled"] = ("Healthy", "no run yet; the next run is due at "),
        ["refresh-promoted"] = ("Healthy", "last run Promoted (1.1.0); the next run is due at "),
        ["refresh-rejected"] = ("Healthy", "last run Rejected (1.2.0); the next run is due at "),
        ["refresh-last-run-failed"] = ("Degraded", "the source failed (NotFound): "),
        ["refresh-suspended"] = ("Suspended", "spec.suspend is true"),
        ["refresh-stale-generation"] = ("Progressing", "waiting for the controller to observe generation 3"),
        ["refresh-invalid-spec"] = ("Degraded", "spec.schedule: \"every hour\" is not a cron expression"),
    };

    public static void Check(ArgoCDHealth health, string state)
    {
        var (status, messageStart) = Of[state];
        health.Status.Should().Be(status, $"state {state}: {health.Message}");
        health.Message.Should().StartWith(messageStart, $"state {state}");
    }
}
