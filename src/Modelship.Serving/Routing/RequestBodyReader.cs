using Microsoft.AspNetCore.Http;

namespace Modelship.Serving.Routing;

/// <summary>
/// Reads a request body into one array (the shadows keep it after the request ends), refusing bodies above a limit
/// whether or not the caller announced a Content-Length.
/// </summary>
public static class RequestBodyReader
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            if (request.ContentLength is { } length)
            {
                return length > maxBytes ? null : await ReadExactlyAsync(request.Body, (int)length, cancellationToken).ConfigureAwait(false);
            }
            return await ReadChunkedAsync(request.Body, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var buffer = new byte[length];
        await body.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer;
    }

    private static async Task<byte[]?> ReadChunkedAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var collected = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (collected.Length + read > maxBytes)
            {
                return null;
            }
            collected.Write(chunk, 0, read);
        }
        return collected.ToArray();
    }
}
