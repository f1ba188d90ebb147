using Modelship.Registry.S3;
using Modelship.Registry.Selection;
using Modelship.Registry.Sources;
using Modelship.Registry.Tests.Servers;

namespace Modelship.Registry.Tests.Sources;

/// <summary>The S3 source against a real s3rver; buckets and objects are made with AWSSDK.S3 itself.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3VersionSourceTests(S3rverFixture s3)
{
    private Task<IReadOnlyList<ModelVersion>> ListAsync(string bucket, string prefix, int? pageSize = null) =>
        new S3VersionSource(s3.Client, new S3SourceOptions(bucket, prefix, ListPageSize: pageSize)).ListAsync(CancellationToken.None);

    [Fact]
    public async Task Folders_and_model_objects_under_the_prefix_are_versions_with_their_metadata()
    {
        var bucket = await s3.CreateBucketAsync();
        await s3.PutAsync(bucket, "models/churn/v1/model.onnx", "one");
        await s3.PutAsync(bucket, "models/churn/v1/metadata.json", """
            {"version": "1.0.0", "createdTime": "2026-11-01T00:00:00Z", "metrics": {"accuracy": 0.9}, "aliases": ["champion"],
             "sha256": "7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed"}
            """);
        await s3.PutAsync(bucket, "models/churn/v2/model.onnx", "two");
        await s3.PutAsync(bucket, "models/churn/v2/labels/classes.txt", "yes,no");
        await s3.PutAsync(bucket, "models/churn/churn-3.onnx", "three");
        await s3.PutAsync(bucket, "models/churn/churn-3.onnx.metadata.json", """{"version": "3.0.0"}""");
        await s3.PutAsync(bucket, "models/churn/README.md", "not a model");
        await s3.PutAsync(bucket, "models/churn/.staging/model.onnx", "partial");
        await s3.PutAsync(bucket, "models/churn-old/v0/model.onnx", "another model");

        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        var versions = await ListAsync(bucket, "models/churn");

        versions.Select(v => (v.Version, v.Uri)).Should().Equal(
            ("1.0.0", $"s3://{bucket}/models/churn/v1/"),
            ("v2", $"s3://{bucket}/models/churn/v2/"),
            ("3.0.0", $"s3://{bucket}/models/churn/churn-3.onnx"));
        versions[0].Should().Match<ModelVersion>(v =>
            v.CreatedTime == new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero) &&
            v.Metrics["accuracy"] == 0.9 && v.Aliases.Single() == "champion" &&
            v.Sha256 == "7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed");
        versions[1].CreatedTime.Should().BeAfter(before, "without metadata the newest LastModified is the created time");
        versions[1].Metrics.Should().BeEmpty();

        VersionSelection.Select(versions, new VersionSelectionCriteria(SelectionStrategy.HighestSemanticVersion)).Chosen!.Version.Should().Be("3.0.0");
    }

    [Fact]
    public async Task Listing_follows_continuation_tokens_across_pages()
    {
        var bucket = await s3.CreateBucketAsync();
        for (var i = 1; i <= 7; i++)
            await s3.PutAsync(bucket, $"v{i}.onnx", $"model {i}");

        var versions = await ListAsync(bucket, "", pageSize: 2);

        versions.Select(v => v.Version).Should().Equal("v1", "v2", "v3", "v4", "v5", "v6", "v7");
    }

    [Fact]
    public async Task An_empty_bucket_is_NotFound_saying_to_check_bucket_and_prefix()
    {
        var bucket = await s3.CreateBucketAsync();

        var error = await ListExpectingErrorAsync(() => ListAsync(bucket, "models/churn/"));

        error.Kind.Should().Be(ModelSourceErrorKind.NotFound);
        error.Message.Should().Be($"s3://{bucket}/models/churn/ holds no objects (check the bucket and prefix)");
    }

    [Fact]
    public async Task A_missing_bucket_is_NotFound()
    {
        var error = await ListExpectingErrorAsync(() => ListAsync("no-such-bucket", "models"));

        error.Kind.Should().Be(ModelSourceErrorKind.NotFound);
        error.Message.Should().Contain("s3://no-such-bucket/models/").And.Contain("NoSuchBucket");
    }

    [Fact]
    public async Task Unknown_credentials_are_Unauthorized()
    {
        var bucket = await s3.CreateBucketAsync();
        await s3.PutAsync(bucket, "v1.onnx", "one");
        using var stranger = S3ClientFactory.Create(s3.Connection with { AccessKeyId = "STRANGER", SecretAccessKey = "wrong" });

        var error = await ListExpectingErrorAsync(() => new S3VersionSource(stranger, new S3SourceOptions(bucket, "")).ListAsync(CancellationToken.None));

        error.Kind.Should().Be(ModelSourceErrorKind.Unauthorized);
        error.Message.Should().Contain("InvalidAccessKeyId");
    }

    [Fact]
    public async Task Malformed_metadata_is_InvalidMetadata_naming_the_object()
    {
        var bucket = await s3.CreateBucketAsync();
        await s3.PutAsync(bucket, "v1/model.onnx", "one");
        await s3.PutAsync(bucket, "v1/metadata.json", "{\"metrics\": [1, 2]}");

        var error = await ListExpectingErrorAsync(() => ListAsync(bucket, ""));

        error.Kind.Should().Be(ModelSourceErrorKind.InvalidMetadata);
        error.Message.Should().Contain($"s3://{bucket}/v1/metadata.json is not valid metadata JSON");
    }

    [Fact]
    public async Task An_endpoint_that_refuses_connections_is_Unreachable()
    {
        using var nowhere = S3ClientFactory.Create(s3.Connection with { EndpointUrl = new Uri($"http://127.0.0.1:{ClosedPort.Find()}") });

        var error = await ListExpectingErrorAsync(() => new S3VersionSource(nowhere, new S3SourceOptions("models", "")).ListAsync(CancellationToken.None));

        error.Kind.Should().Be(ModelSourceErrorKind.Unreachable);
        error.Message.Should().StartWith("listing s3://models/");
    }

    private static async Task<ModelSourceException> ListExpectingErrorAsync(Func<Task> list) =>
        (await list.Should().ThrowAsync<ModelSourceException>()).Which;
}
