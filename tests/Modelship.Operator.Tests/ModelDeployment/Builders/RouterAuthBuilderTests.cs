using System.Text.Json;
using k8s.Models;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Tests.Pipeline;

namespace Modelship.Operator.Tests.ModelDeployment.Builders;

/// <summary>spec.auth in the router Pod (Secret volumes, router flags) and spec.predictionDefaults in the routing table.</summary>
public sealed class RouterAuthBuilderTests
{
    private static readonly ModelDeploymentBuildOptions Options = new();

    private static readonly AuthSpec WithAdmin = new() { BearerTokens = new AuthBearerTokens { SecretName = "fraud-tokens", AdminSecretName = "fraud-admin-tokens" } };

    [Fact]
    public void Router_with_token_and_admin_secrets_matches_golden() =>
        Golden.Matches(RouterDeploymentBuilder.Build(Samples.Fraud(s => s with { Auth = WithAdmin }), Options, suspended: false), "router-deployment-auth");

    public static TheoryData<string, AuthSpec?, string[], string[]> Cases => new()
    {
        { "none", null, [], [] },
        { "tokens", new AuthSpec { BearerTokens = new AuthBearerTokens { SecretName = "t" } }, ["--auth-token-dir", RouterAuthVolumes.TokenDirectory], ["t"] },
        { "tokens-and-admin", new AuthSpec { BearerTokens = new AuthBearerTokens { SecretName = "t", AdminSecretName = "a" } },
            ["--auth-token-dir", RouterAuthVolumes.TokenDirectory, "--admin-token-dir", RouterAuthVolumes.AdminTokenDirectory], ["t", "a"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_router_mounts_each_named_secret_whole_and_read_only_and_is_told_where(string name, AuthSpec? auth, string[] flags, string[] secrets)
    {
        var pod = RouterDeploymentBuilder.Build(Samples.Fraud(s => s with { Auth = auth }), Options, suspended: false).Spec!.Template!.Spec!;
        var router = pod.Containers.Single();
        var args = router.Args.ToList();
        var logDir = args.IndexOf("--log-dir");
        args.Skip(logDir + 2).Should().Equal(flags, name);
        var secretVolumes = pod.Volumes.Where(v => v.Secret is not null).ToList();
        secretVolumes.Select(v => v.Secret.SecretName).Should().Equal(secrets, name);
        secretVolumes.Where(v => v.Secret.Optional != false).Should().BeEmpty("a missing Secret must keep the Pod from starting, not start it open");
        var mounts = router.VolumeMounts.Where(m => secretVolumes.Any(v => v.Name == m.Name)).ToList();
        mounts.Should().HaveCount(secrets.Length);
        mounts.Where(m => m.ReadOnlyProperty != true || m.SubPath != null).Should().BeEmpty("read-only, and subPath mounts never see a rotated Secret");
        mounts.Select(m => m.MountPath).Should().Equal(flags.Where((_, i) => i % 2 == 1), "each flag names its mount");
    }

    [Fact]
    public void A_pipeline_router_mounts_its_secret_too()
    {
        var pipeline = PipelineSamples.Scoring();
        var auth = new RouterAuthVolumes(new AuthSpec { BearerTokens = new AuthBearerTokens { SecretName = "scoring-tokens" } });
        var pod = RouterDeploymentBuilder.Build(ChildOwner.Of(pipeline), Options, suspended: false, null, auth).Spec!.Template!.Spec!;
        pod.Volumes.Should().ContainSingle(v => v.Secret != null).Which.Secret.SecretName.Should().Be("scoring-tokens");
        pod.Containers.Single().Args.Should().ContainInOrder("--auth-token-dir", RouterAuthVolumes.TokenDirectory);
    }

    [Fact]
    public void Routing_configmap_with_prediction_defaults_matches_golden()
    {
        var deployment = Samples.Fraud(s => s with
        {
            PredictionDefaults = new PredictionDefaults { Parameters = JsonDocument.Parse("""{"threshold":0.7,"explain":true,"segment":"retail"}""").RootElement, Override = true },
        });
        var table = RoutingTableBuilder.Build("fraud", 4, ModelBackend.FromSpec(deployment.Spec), null, null, b => RuntimeServiceBuilder.Url(deployment, b.Model.Version), predictionDefaults: deployment.Spec.PredictionDefaults);
        table.PredictionDefaults.Should().NotBeNull();
        table.PredictionDefaults!.Override.Should().BeTrue();
        table.PredictionDefaults.Parameters.Keys.Should().Equal("threshold", "explain", "segment");
        Golden.Matches(RoutingConfigMapBuilder.Build(deployment, table), "routing-configmap-prediction-defaults");
        RoutingTable.Parse(table.Serialize()).Serialize().Should().Be(table.Serialize(), "the table round-trips through its JSON");
    }

    [Fact]
    public void Without_prediction_defaults_the_table_has_none() =>
        RoutingTableBuilder.Build("fraud", 1, ModelBackend.FromSpec(Samples.Fraud().Spec), null, null, _ => "http://x:1").PredictionDefaults.Should().BeNull();
}
