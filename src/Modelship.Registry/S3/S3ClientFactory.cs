using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Modelship.Registry.S3;

/// <summary>Builds an S3 client from <see cref="S3ConnectionOptions"/> that contacts only the configured endpoint.</summary>
public static class S3ClientFactory
{
    public static IAmazonS3 Create(S3ConnectionOptions options)
    {
        if ((options.AccessKeyId is null) != (options.SecretAccessKey is null))
            throw new ArgumentException("S3 credentials need both an access key id and a secret access key, or neither (anonymous).", nameof(options));

        var config = new AmazonS3Config
        {
            // Standard, not Auto: Auto asks the EC2 instance metadata service which region it runs in.
            DefaultConfigurationMode = DefaultConfigurationMode.Standard,
            // Only when an operation requires it: S3-compatible servers often reject the newer default CRC trailers.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            // Endpoint URLs from AWS_ENDPOINT_URL* variables or config files would send requests elsewhere than configured.
            IgnoreConfiguredEndpointUrls = true,
            ForcePathStyle = options.ForcePathStyle,
        };
        if (options.EndpointUrl is { } endpoint)
        {
            config.ServiceURL = endpoint.AbsoluteUri;
            config.AuthenticationRegion = options.Region;
            config.UseHttp = endpoint.Scheme == Uri.UriSchemeHttp;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        AWSCredentials credentials = options switch
        {
            { AccessKeyId: null } => new AnonymousAWSCredentials(),
            { SessionToken: { } token } => new SessionAWSCredentials(options.AccessKeyId, options.SecretAccessKey, token),
            _ => new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey),
        };
        return new AmazonS3Client(credentials, config);
    }
}
