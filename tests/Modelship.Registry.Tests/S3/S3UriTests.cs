using Modelship.Registry.S3;

namespace Modelship.Registry.Tests.S3;

public sealed class S3UriTests
{
    [Theory]
    [InlineData("s3://models/churn/v1/model.onnx", "models", "churn/v1/model.onnx", false)]
    [InlineData("s3://models/churn/v1/", "models", "churn/v1/", true)]
    [InlineData("s3://models", "models", "", true)]
    [InlineData("S3://models/a", "models", "a", false)]
    public void Parses_bucket_and_key(string uri, string bucket, string key, bool isPrefix)
    {
        S3Uri.TryParse(uri, out var parsed).Should().BeTrue();
        parsed.Should().Be(new S3Uri(bucket, key));
        parsed.IsPrefix.Should().Be(isPrefix);
    }

    [Theory]
    [InlineData("s3:///key")]
    [InlineData("s3://")]
    [InlineData("https://models/a")]
    [InlineData("/models/a")]
    public void Refuses_what_is_not_an_s3_uri(string uri)
    {
        S3Uri.TryParse(uri, out _).Should().BeFalse();
    }
}
