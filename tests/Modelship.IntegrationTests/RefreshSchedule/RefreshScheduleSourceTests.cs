using System.Text;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Registry.Testing;

namespace Modelship.IntegrationTests.RefreshSchedule;

/// <summary>
/// The RefreshSchedule controller against kube-apiserver with the other sources, each a real server on 127.0.0.1:
/// an HTTP index (Kestrel) behind a bearer token, MLflow (recorded responses: no MLflow server can be installed
/// here) with a token, and npm's s3rver with credentials; tokens and keys come from Secrets of the schedule's
/// namespace. Each time a new version appears in the source, the next run makes it the target's spec.model.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class RefreshScheduleSourceTests(SharedClusterFixture fixture, S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_new_version_in_an_HTTP_index_behind_a_bearer_token_is_promoted()
    {
        await using var op = await RefreshScheduleOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("refresh-http"));
        await CreateSecretAsync(op, "index-token", new() { ["token"] = "s3cr3t\n" });
        var index = """{ "versions": [ { "version": "1.0.0", "uri": "models/1.0.0/model.onnx", "metrics": { "accuracy": 0.90 } } ] }""";
        await using var server = await LoopbackHttpServer.StartAsync(context => context.Request.Headers.Authorization == "Bearer s3cr3t"
            ? LoopbackHttpServer.RespondJson(context, Volatile.Read(ref index))
            : LoopbackHttpServer.RespondJson(context, """{"error":"unauthorized"}""", StatusCodes.Status401Unauthorized));
        var indexUrl = new Uri(server.BaseUrl, "fraud/index.json");
        await op.ModelDeployments.CreateAsync(RefreshScheduleSpecs.Target(op.Namespace, "1.0.0", new Uri(indexUrl, "models/1.0.0/model.onnx").AbsoluteUri));
        await op.Schedules.CreateAsync(RefreshScheduleSpecs.Hourly(op.Namespace, "iris-hourly", new RefreshSource
        {
            Http = new HttpIndexVersionSourceSpec { Url = indexUrl.AbsoluteUri, BearerTokenSecretRef = new SecretKeyReference { Name = "index-token" } },
        }));
        var first = await op.NextScheduleTimeAsync("iris-hourly", Wait);
        (await RunAsync(op, first)).LastRun!.Result.Should().Be(RefreshRunResult.NoNewVersion, "1.0.0 is the champion");

        var sha256 = new string('B', 64);
        Volatile.Write(ref index, $$"""
            { "versions": [
              { "version": "1.0.0", "uri": "models/1.0.0/model.onnx", "metrics": { "accuracy": 0.90 } },
              { "version": "1.1.0", "uri": "models/1.1.0/model.onnx", "sha256": "{{sha256}}", "metrics": { "accuracy": 0.91 } } ] }
            """);
        var status = await RunAsync(op, first.AddHours(1));

        status.LastRun!.Result.Should().Be(RefreshRunResult.Promoted, status.LastRun.Message);
        var model = await ExpectPromotedAsync(op, "1.1.0");
        model.Uri.Should().Be(new Uri(indexUrl, "models/1.1.0/model.onnx").AbsoluteUri, "a relative uri is resolved against the index URL");
        model.Sha256.Should().Be(sha256.ToLowerInvariant());
        server.Requests.Should().HaveCount(2).And.OnlyContain(r => r.Path == "/fraud/index.json" && r.Authorization == "Bearer s3cr3t", "the token is the Secret's value, trimmed");
    }

    [Fact]
    public async Task A_new_registered_version_is_promoted_against_recorded_MLflow_responses()
    {
        await using var op = await RefreshScheduleOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("refresh-mlflow"));
        await CreateSecretAsync(op, "mlflow", new() { ["databricks-token"] = "dapi-123" });
        await using var mlflow = await RecordedMlflowServer.StartAsync("iris", bearerToken: "dapi-123");
        var created = DateTimeOffset.UtcNow.AddDays(-2);
        mlflow.Register("1", created, new Dictionary<string, double> { ["accuracy"] = 0.90 });
        await op.ModelDeployments.CreateAsync(RefreshScheduleSpecs.Target(op.Namespace, "1", RecordedMlflowServer.ArtifactUri("1")));
        var schedule = RefreshScheduleSpecs.Hourly(op.Namespace, "iris-hourly", new RefreshSource
        {
            Mlflow = new MlflowVersionSourceSpec
            {
                TrackingUri = mlflow.TrackingUri.AbsoluteUri,
                ModelName = "iris",
                TokenSecretRef = new SecretKeyReference { Name = "mlflow", Key = "databricks-token" },
            },
        });
        schedule.Spec = schedule.Spec with { Selection = new RefreshSelection { Strategy = RefreshSelectionStrategy.Newest } };
        await op.Schedules.CreateAsync(schedule);
        var first = await op.NextScheduleTimeAsync("iris-hourly", Wait);
        (await RunAsync(op, first)).LastRun!.Result.Should().Be(RefreshRunResult.NoNewVersion, "version 1 is the champion");

        mlflow.Register("2", created.AddDays(1), new Dictionary<string, double> { ["accuracy"] = 0.92 }, "challenger");
        var promoted = await RunAsync(op, first.AddHours(1));
        promoted.LastRun!.Result.Should().Be(RefreshRunResult.Promoted, promoted.LastRun.Message);
        var model = await ExpectPromotedAsync(op, "2");
        model.Uri.Should().Be(RecordedMlflowServer.ArtifactUri("2"), "get-download-uri's artifact_uri");
        model.Sha256.Should().BeNull("MLflow knows no digest");
        promoted.Promoted!.Metrics.Should().Equal(new Dictionary<string, double> { ["accuracy"] = 0.92 }, "the run's metrics are the baseline of the next check");

        // The run's metrics count: version 3 is newer, and 0.12 less accurate than version 2.
        mlflow.Register("3", created.AddDays(1.5), new Dictionary<string, double> { ["accuracy"] = 0.80 });
        var rejected = await RunAsync(op, first.AddHours(2));
        rejected.LastRun!.Result.Should().Be(RefreshRunResult.Rejected, rejected.LastRun.Message);
        rejected.LastRun.Checks.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Champion = 0.92, Candidate = 0.80, Verdict = RefreshCheckVerdict.Failed });
        (await op.ModelDeployments.GetAsync(op.Namespace, "iris")).Spec.Model.Version.Should().Be("2");
        mlflow.Requests.Should().OnlyContain(r => r.Authorization == "Bearer dapi-123");
        mlflow.Requests.Should().Contain(r => r.Path == "/api/2.0/mlflow/runs/get" && r.Query["run_id"] == "run3");
    }

    [Fact]
    public async Task A_new_version_under_an_S3_prefix_is_promoted_with_credentials_from_a_Secret()
    {
        await using var op = await RefreshScheduleOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("refresh-s3"));
        // An unknown key first (s3rver checks the access key id): the run fails, and the next run reads the Secret again.
        await CreateSecretAsync(op, "s3", new() { ["accessKeyId"] = "STRANGER", ["secretAccessKey"] = S3rverProcess.SecretAccessKey });
        var bucket = await s3.CreateBucketAsync();
        await PutVersionAsync(bucket, "1.0.0", 0.90);
        await op.ModelDeployments.CreateAsync(RefreshScheduleSpecs.Target(op.Namespace, "1.0.0", $"s3://{bucket}/models/iris/1.0.0/"));
        await op.Schedules.CreateAsync(RefreshScheduleSpecs.Hourly(op.Namespace, "iris-hourly", new RefreshSource
        {
            S3 = new S3VersionSourceSpec
            {
                Bucket = bucket,
                Prefix = "models/iris",
                Endpoint = s3.EndpointUrl.AbsoluteUri,
                CredentialsSecretRef = new S3CredentialsSecretReference { Name = "s3" },
            },
        }));
        var first = await op.NextScheduleTimeAsync("iris-hourly", Wait);
        await PutVersionAsync(bucket, "1.1.0", 0.91);

        var failed = await RunAsync(op, first);
        failed.LastRun!.Result.Should().Be(RefreshRunResult.Failed);
        failed.LastRun.Message.Should().StartWith("the source failed (Unauthorized)").And.Contain("InvalidAccessKeyId");

        await op.Client.For<V1Secret>().MergePatchAsync(op.Namespace, "s3", new System.Text.Json.Nodes.JsonObject
        {
            ["stringData"] = new System.Text.Json.Nodes.JsonObject { ["accessKeyId"] = S3rverProcess.AccessKeyId },
        });
        var status = await RunAsync(op, first.AddHours(1));

        status.LastRun!.Result.Should().Be(RefreshRunResult.Promoted, status.LastRun.Message);
        (await ExpectPromotedAsync(op, "1.1.0")).Uri.Should().Be($"s3://{bucket}/models/iris/1.1.0/");
    }

    private async Task PutVersionAsync(string bucket, string version, double accuracy)
    {
        await s3.PutAsync(bucket, $"models/iris/{version}/model.onnx", "not read by the listing");
        await s3.PutAsync(bucket, $"models/iris/{version}/metadata.json", string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $$"""{ "version": "{{version}}", "metrics": { "accuracy": {{accuracy}} } }"""));
    }

    private static async Task CreateSecretAsync(RefreshScheduleOperator op, string name, Dictionary<string, string> values) =>
        await op.Client.For<V1Secret>().CreateAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = op.Namespace },
            Data = values.ToDictionary(v => v.Key, v => Encoding.UTF8.GetBytes(v.Value)),
        });

    private static async Task<RefreshScheduleStatus> RunAsync(RefreshScheduleOperator op, DateTimeOffset scheduledTime)
    {
        await op.MoveClockPastAndReconcileAsync("iris-hourly", scheduledTime, Wait);
        return await op.RunForAsync("iris-hourly", scheduledTime, Wait);
    }

    /// <summary>The target's spec.model after a promotion to <paramref name="version"/>, with the reason SCHEDULED_REFRESH.</summary>
    private static async Task<ModelSpec> ExpectPromotedAsync(RefreshScheduleOperator op, string version)
    {
        var target = await op.ModelDeployments.GetAsync(op.Namespace, "iris");
        target.Spec.Model.Version.Should().Be(version);
        target.Spec.Replacement!.Reason.Should().Be(ReplacementReason.ScheduledRefresh);
        target.Metadata.ManagedFields!.Should().Contain(f => f.Manager == "modelship-refresh");
        return target.Spec.Model;
    }
}
