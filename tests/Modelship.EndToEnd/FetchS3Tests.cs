using System.Security.Cryptography;
using Amazon.S3.Model;
using Modelship.EndToEnd.Support;

namespace Modelship.EndToEnd;

/// <summary>`modelship fetch --uri s3://...` as a process against a real S3-compatible server (s3rver).</summary>
public sealed class FetchS3Tests : IClassFixture<S3rverFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-e2e-fetch-s3-").FullName;
    private readonly S3rverFixture _s3;

    public FetchS3Tests(S3rverFixture s3) => _s3 = s3;

    private Dictionary<string, string> Credentials => new()
    {
        ["AWS_ACCESS_KEY_ID"] = S3rverFixture.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = S3rverFixture.SecretAccessKey,
        ["AWS_ENDPOINT_URL_S3"] = _s3.EndpointUrl.AbsoluteUri,
    };

    private async Task<(string Bucket, byte[] Model)> UploadModelAsync()
    {
        var environment = await ServingEnvironment.GetAsync();
        var model = await File.ReadAllBytesAsync(environment.Model("v1"));
        var bucket = await _s3.CreateBucketAsync();
        using var body = new MemoryStream(model);
        await _s3.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "models/iris/v1/model.onnx", InputStream = body, UseChunkEncoding = false });
        return (bucket, model);
    }

    [Fact]
    public async Task An_s3_object_is_fetched_and_its_sha256_checked()
    {
        var environment = await ServingEnvironment.GetAsync();
        var (bucket, model) = await UploadModelAsync();
        var destination = Path.Combine(_directory, "dest");

        var run = await ModelshipCommandRun.RunAsync(environment,
            ["fetch", "--uri", $"s3://{bucket}/models/iris/v1/model.onnx", "--dest", destination, "--sha256", Convert.ToHexStringLower(SHA256.HashData(model))], Credentials);

        run.ExitCode.Should().Be(0, run.ToString());
        (await File.ReadAllBytesAsync(Path.Combine(destination, "model.onnx"))).Should().Equal(model);
    }

    [Fact]
    public async Task A_wrong_sha256_or_a_missing_key_fails_and_leaves_nothing()
    {
        var environment = await ServingEnvironment.GetAsync();
        var (bucket, _) = await UploadModelAsync();
        var destination = Path.Combine(_directory, "dest");

        var wrong = await ModelshipCommandRun.RunAsync(environment,
            ["fetch", "--uri", $"s3://{bucket}/models/iris/v1/model.onnx", "--dest", destination, "--sha256", new string('0', 64)], Credentials);
        wrong.ExitCode.Should().Be(1, wrong.ToString());
        wrong.Errors.Should().Contain("sha256 mismatch");
        Directory.EnumerateFileSystemEntries(destination).Should().BeEmpty();

        var missing = await ModelshipCommandRun.RunAsync(environment,
            ["fetch", "--uri", $"s3://{bucket}/models/iris/v9/model.onnx", "--dest", destination], Credentials);
        missing.ExitCode.Should().Be(1, missing.ToString());
        missing.Errors.Should().Contain("NoSuchKey");
    }

    [Fact]
    public async Task An_s3_prefix_is_fetched_as_a_folder()
    {
        var environment = await ServingEnvironment.GetAsync();
        var (bucket, model) = await UploadModelAsync();
        await _s3.PutAsync(bucket, "models/iris/v1/metadata.json", """{"version":"v1"}""");
        var destination = Path.Combine(_directory, "dest");

        var run = await ModelshipCommandRun.RunAsync(environment,
            ["fetch", "--uri", $"s3://{bucket}/models/iris/v1/", "--dest", destination], Credentials);

        run.ExitCode.Should().Be(0, run.ToString());
        (await File.ReadAllBytesAsync(Path.Combine(destination, "model", "model.onnx"))).Should().Equal(model);
        File.Exists(Path.Combine(destination, "model", "metadata.json")).Should().BeTrue();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
