using System.Security.Cryptography;
using System.Text;
using Modelship.Registry.S3;
using Modelship.Registry.Tests.Servers;

namespace Modelship.Registry.Tests.S3;

[Collection(S3rverCollection.Name)]
public sealed class S3ObjectDownloaderTests(S3rverFixture s3) : IDisposable
{
    private const string Model = "onnx bytes, as far as this test is concerned";
    private static readonly string ModelSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Model)));

    private readonly TempDirectory _destination = new();

    public void Dispose() => _destination.Dispose();

    private string Target(string name) => Path.Combine(_destination.Path, name);

    [Fact]
    public async Task Downloads_an_object_and_checks_its_sha256()
    {
        var bucket = await s3.CreateBucketAsync();
        await s3.PutAsync(bucket, "churn/v3/model.onnx", Model);

        var result = await new S3ObjectDownloader(s3.Client).DownloadAsync($"s3://{bucket}/churn/v3/model.onnx", Target("model.onnx"), ModelSha256.ToUpperInvariant());

        result.Should().Be(new S3DownloadResult(Target("model.onnx"), Model.Length, ModelSha256));
        (await File.ReadAllTextAsync(Target("model.onnx"))).Should().Be(Model);
        Directory.GetFiles(_destination.Path).Should().Equal([Target("model.onnx")], "the temporary file is renamed into place");
    }

    [Fact]
    public async Task Without_an_expected_sha256_the_digest_is_reported()
    {
        var bucket = await s3.CreateBucketAsync();
        await s3.PutAsync(bucket, "m.onnx", Model);

        var result = await new S3ObjectDownloader(s3.Client).DownloadAsync($"s3://{bucket}/m.onnx", Target("nested/dir/m.onnx"));

        result.Sha256.Should().Be(ModelSha256);
        File.Exists(Target("nested/dir/m.onnx")).Should().BeTrue();
    }

    [Fact]
    public async Task A_wrong_sha256_is_ChecksumMismatch_and_leaves_no_file()
    {
        var bucket = await s3.CreateBucketAsync();
        await s3.PutAsync(bucket, "m.onnx", Model);
        var wrong = new string('0', 64);

        var act = () => new S3ObjectDownloader(s3.Client).DownloadAsync($"s3://{bucket}/m.onnx", Target("m.onnx"), wrong);

        var error = (await act.Should().ThrowAsync<ModelSourceException>()).Which;
        error.Kind.Should().Be(ModelSourceErrorKind.ChecksumMismatch);
        error.Message.Should().Contain(ModelSha256).And.Contain(wrong);
        Directory.GetFiles(_destination.Path).Should().BeEmpty();
    }

    [Fact]
    public async Task A_wrong_sha256_does_not_replace_a_model_already_there()
    {
        var bucket = await s3.CreateBucketAsync();
        await s3.PutAsync(bucket, "m.onnx", Model);
        await File.WriteAllTextAsync(Target("m.onnx"), "the model being served");

        var act = () => new S3ObjectDownloader(s3.Client).DownloadAsync($"s3://{bucket}/m.onnx", Target("m.onnx"), new string('a', 64));

        await act.Should().ThrowAsync<ModelSourceException>();
        (await File.ReadAllTextAsync(Target("m.onnx"))).Should().Be("the model being served");
    }

    [Fact]
    public async Task A_missing_object_is_NotFound()
    {
        var bucket = await s3.CreateBucketAsync();

        var act = () => new S3ObjectDownloader(s3.Client).DownloadAsync($"s3://{bucket}/missing.onnx", Target("m.onnx"));

        var error = (await act.Should().ThrowAsync<ModelSourceException>()).Which;
        error.Kind.Should().Be(ModelSourceErrorKind.NotFound);
        error.Message.Should().Contain($"downloading s3://{bucket}/missing.onnx").And.Contain("NoSuchKey");
        Directory.GetFiles(_destination.Path).Should().BeEmpty();
    }

    [Fact]
    public async Task A_prefix_is_downloaded_object_by_object_into_a_directory()
    {
        var bucket = await s3.CreateBucketAsync();
        await s3.PutAsync(bucket, "churn/v2/model.onnx", Model);
        await s3.PutAsync(bucket, "churn/v2/labels/classes.txt", "yes,no");
        await s3.PutAsync(bucket, "churn/v20/model.onnx", "another version");

        var result = await new S3ObjectDownloader(s3.Client).DownloadAsync($"s3://{bucket}/churn/v2/", Target("v2"));

        result.Should().Be(new S3DownloadResult(Target("v2"), Model.Length + "yes,no".Length, null));
        (await File.ReadAllTextAsync(Target("v2/model.onnx"))).Should().Be(Model);
        (await File.ReadAllTextAsync(Target("v2/labels/classes.txt"))).Should().Be("yes,no");
        Directory.GetFiles(Target("v2"), "*", SearchOption.AllDirectories).Should().HaveCount(2);
    }

    [Fact]
    public async Task An_empty_prefix_is_NotFound()
    {
        var bucket = await s3.CreateBucketAsync();

        var act = () => new S3ObjectDownloader(s3.Client).DownloadAsync($"s3://{bucket}/churn/v9/", Target("v9"));

        (await act.Should().ThrowAsync<ModelSourceException>()).Which.Message.Should().Be($"s3://{bucket}/churn/v9/ holds no objects");
    }

    [Theory]
    [InlineData("https://bucket/key", null, "is not an s3://bucket/key URI")]
    [InlineData("s3://bucket/key", "abc", "is not 64 hexadecimal characters")]
    [InlineData("s3://bucket/prefix/", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "a sha256 can only be checked for one object")]
    public async Task Bad_arguments_are_refused_before_any_request(string uri, string? sha256, string expected)
    {
        var act = () => new S3ObjectDownloader(s3.Client).DownloadAsync(uri, Target("x"), sha256);

        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage($"*{expected}*");
    }

    [Theory]
    [InlineData("../escape.onnx")]
    [InlineData("a/../../escape.onnx")]
    public void Keys_that_would_leave_the_destination_are_refused(string relativeKey)
    {
        var act = () => S3ObjectDownloader.LocalPathFor(_destination.Path, relativeKey, new S3Uri("b", "p/" + relativeKey));

        act.Should().Throw<ModelSourceException>().WithMessage("*would be written outside*");
    }
}
