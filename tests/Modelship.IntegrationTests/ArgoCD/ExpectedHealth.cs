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
    };

    public static void Check(ArgoCDHealth health, string state)
    {
        var (status, messageStart) = Of[state];
        health.Status.Should().Be(status, $"state {state}: {health.Message}");
        health.Message.Should().StartWith(messageStart, $"state {state}");
    }
}
