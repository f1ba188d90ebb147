using System.CommandLine;
using Modelship.Registry.S3;

namespace Modelship.Cli.Commands;

/// <summary>
/// How `fetch` and `batch` reach s3:// URIs: --s3-endpoint (an S3-compatible server; path-style addressing) and
/// --s3-region, else AWS_ENDPOINT_URL_S3 / AWS_REGION; credentials from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
/// AWS_SESSION_TOKEN (a Kubernetes Job gets them from a Secret), anonymous when unset.
/// </summary>
public sealed class S3CommandOptions
{
    public Option<string?> Endpoint { get; } = new("--s3-endpoint") { Description = "S3-compatible server for s3:// URIs, such as http://minio:9000 (default: $AWS_ENDPOINT_URL_S3, else AWS)" };

    public Option<string?> Region { get; } = new("--s3-region") { Description = "S3 signing region (default: $AWS_REGION, else us-east-1)" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Endpoint);
        command.Options.Add(Region);
    }

    /// <exception cref="ArgumentException">The endpoint is not an absolute http(s) URL.</exception>
    public S3ConnectionOptions Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var endpointText = parse.GetValue(Endpoint) ?? NonEmpty("AWS_ENDPOINT_URL_S3");
        Uri? endpoint = null;
        if (endpointText is not null && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            throw new ArgumentException($"--s3-endpoint \"{endpointText}\" is not an absolute http(s) URL");
        }
        return new S3ConnectionOptions(
            NonEmpty("AWS_ACCESS_KEY_ID"),
            NonEmpty("AWS_SECRET_ACCESS_KEY"),
            parse.GetValue(Region) ?? NonEmpty("AWS_REGION") ?? S3ConnectionOptions.DefaultRegion,
            endpoint,
            ForcePathStyle: endpoint is not null,
            SessionToken: NonEmpty("AWS_SESSION_TOKEN"));
    }

    private static string? NonEmpty(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;
}
