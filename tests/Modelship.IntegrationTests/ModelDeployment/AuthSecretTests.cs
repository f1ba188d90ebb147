using System.Text.Json;
using k8s.Models;
using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>spec.auth and spec.predictionDefaults through a real API server: the router Pod template mounts the Secret,
/// the table carries the defaults, and a missing Secret is reported on the ModelDeployment until it exists.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class AuthSecretTests(SharedClusterFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_router_mounts_the_token_secret_and_a_missing_one_degrades_the_modeldeployment_until_it_exists()
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-auth"));
        await op.ModelDeployments.CreateAsync(ModelDeploymentSpecs.Iris(op.Namespace, change: s => s with
        {
            Auth = new AuthSpec { BearerTokens = new AuthBearerTokens { SecretName = "iris-tokens" } },
            PredictionDefaults = new PredictionDefaults { Parameters = JsonDocument.Parse("""{"threshold":0.7}""").RootElement.Clone() },
        }));

        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-router") is not null, Wait, "the router Deployment exists");
        var pod = (await op.Deployments.GetAsync(op.Namespace, "iris-router")).Spec!.Template!.Spec!;
        pod.Volumes.Should().ContainSingle(v => v.Secret != null).Which.Secret.Should().BeEquivalentTo(new { SecretName = "iris-tokens", Optional = false });
        var router = pod.Containers.Single();
        router.VolumeMounts.Should().ContainSingle(m => m.MountPath == RouterAuthVolumes.TokenDirectory).Which.ReadOnlyProperty.Should().BeTrue();
        router.Args.Should().ContainInOrder("--auth-token-dir", RouterAuthVolumes.TokenDirectory);

        await Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync("iris")).Status?.Conditions, ConditionTypes.Degraded) is { Status: ConditionStatus.True, Reason: ConditionReasons.AuthSecretMissing }, Wait, "Degraded: AuthSecretMissing");
        ConditionList.Find((await op.GetAsync("iris")).Status!.Conditions, ConditionTypes.Degraded)!.Message.Should().Contain($"Secret {op.Namespace}/iris-tokens (spec.auth.bearerTokens.secretName) does not exist");
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("iris")).Any(e => e.Type == "Warning" && e.Reason == ConditionReasons.AuthSecretMissing), Wait, "a Warning Event");

        await op.MarkAvailableAsync("iris-v1");
        await Eventually.HoldsAsync(async () => (await op.RoutingTableAsync("iris"))?.PredictionDefaults is not null, Wait, "the table carries the defaults");
        (await op.RoutingTableAsync("iris"))!.PredictionDefaults!.Parameters["threshold"].GetDouble().Should().Be(0.7);

        await op.Client.For<V1Secret>().CreateAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "iris-tokens", NamespaceProperty = op.Namespace },
            StringData = new Dictionary<string, string> { ["client"] = "s3cret" },
        });
        await Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync("iris")).Status?.Conditions, ConditionTypes.Degraded)?.Status == ConditionStatus.False,
            AuthSecretCheck.RecheckAfter + Wait, "no longer Degraded once the Secret exists");
    }
}
