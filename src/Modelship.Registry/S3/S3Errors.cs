using System.Net;
using Amazon.Runtime;
using Amazon.S3;

namespace Modelship.Registry.S3;

/// <summary>Turns what the AWS SDK throws into a <see cref="ModelSourceException"/> naming what was being done.</summary>
internal static class S3Errors
{
    public static ModelSourceException Translate(Exception exception, string doing) => exception switch
    {
        AmazonS3Exception s3 => new ModelSourceException(KindOf(s3), $"{doing}: {s3.StatusCode} {s3.ErrorCode}: {s3.Message}", s3),
        _ when NetworkFailure(exception) is { } network =>
            new ModelSourceException(ModelSourceErrorKind.Unreachable, $"{doing}: {network.Message}", exception),
        _ => new ModelSourceException(ModelSourceErrorKind.InvalidResponse, $"{doing}: {exception.Message}", exception),
    };

    /// <summary>Whether <see cref="Translate"/> knows this exception (the rest are bugs and stay as they are).</summary>
    public static bool IsTranslatable(Exception exception, CancellationToken cancellationToken) =>
        exception is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException ||
        (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>The SDK wraps connection failures in its own exceptions, or not; the network failure is somewhere in the chain.</summary>
    private static Exception? NetworkFailure(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or IOException or TimeoutException or OperationCanceledException)
                return e;
        }
        return null;
    }

    private static ModelSourceErrorKind KindOf(AmazonS3Exception exception) => exception.ErrorCode switch
    {
        "NoSuchBucket" or "NoSuchKey" => ModelSourceErrorKind.NotFound,
        "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "ExpiredToken" => ModelSourceErrorKind.Unauthorized,
        _ => exception.StatusCode switch
        {
            HttpStatusCode.NotFound => ModelSourceErrorKind.NotFound,
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ModelSourceErrorKind.Unauthorized,
            _ => ModelSourceErrorKind.InvalidResponse,
        },
    };
}
