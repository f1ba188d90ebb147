using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;
using Modelship.Registry.S3;
using Modelship.Registry.Sources;
using Modelship.Registry.Testing;
using Modelship.Registry.Tests.Servers;

namespace Modelship.Registry.Tests.S3;

/// <summary>
/// Clients from <see cref="S3ClientFactory"/> talk to the configured endpoint only. The EC2 instance metadata service
/// (where the SDK looks for credentials and a region it was not given) is pointed at a recording server on 127.0.0.1
/// through AWS_EC2_METADATA_SERVICE_ENDPOINT; a client built the SDK's default way is the control that reaches it.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class S3ClientFactoryTests(S3rverFixture s3)
{
    private const string MetadataEndpointVariable = "AWS_EC2_METADATA_SERVICE_ENDPOINT";

    [Fact]
    public async Task A_factory_client_never_asks_the_instance_metadata_service_while_a_default_client_does()
    {
        await using var metadataService = await LoopbackHttpServer.StartAsync(context =>
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        });
        var previous = Environment.GetEnvironmentVariable(MetadataEndpointVariable);
        Environment.SetEnvironmentVariable(MetadataEndpointVariable, metadataService.BaseUrl.ToString());
        FallbackInternalConfigurationFactory.Reset();
        try
        {
            var bucket = await s3.CreateBucketAsync();
            await s3.PutAsync(bucket, "v1.onnx", "one");
            using (var client = S3ClientFactory.Create(s3.Connection with { Region = "eu-west-3" }))
            {
                var versions = await new S3VersionSource(client, new S3SourceOptions(bucket, "")).ListAsync(CancellationToken.None);
                versions.Should().ContainSingle();
                using var destination = new TempDirectory();
                await new S3ObjectDownloader(client).DownloadAsync($"s3://{bucket}/v1.onnx", Path.Combine(destination.Path, "v1.onnx"));
            }
            metadataService.Requests.Should().BeEmpty("the factory passes credentials and region explicitly");

            using var defaultClient = new AmazonS3Client(new AmazonS3Config { ServiceURL = s3.EndpointUrl.ToString(), ForcePathStyle = true });
            var act = () => defaultClient.ListObjectsV2Async(new() { BucketName = bucket });
            await act.Should().ThrowAsync<Exception>("without credentials the SDK's chain ends at the instance metadata service");
            metadataService.Requests.Should().NotBeEmpty("the control client looked for instance-profile credentials");
        }
        finally
        {
            Environment.SetEnvironmentVariable(MetadataEndpointVariable, previous);
            FallbackInternalConfigurationFactory.Reset();
        }
    }

    [Fact]
    public void Half_a_key_pair_is_refused()
    {
        var act = () => S3ClientFactory.Create(new S3ConnectionOptions("AKIA", null));

        act.Should().Throw<ArgumentException>().WithMessage("*both an access key id and a secret access key, or neither*");
    }
}
