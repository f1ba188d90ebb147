using Microsoft.AspNetCore.Http;
using Modelship.Serving.Http;

namespace Modelship.Serving.Routing;

/// <summary>
/// Reads a request body into one array (the shadows keep it after the request ends), refusing bodies above a limit
/// whether or not the caller announced a Content-Length. A refused body is still read and discarded up to
/// <see cref="RequestLimits.DrainBytes"/>, so the 413 reaches a client that is still sending: closing a connection
/// with unread data makes TCP reset it, and the client may lose the answer.
/// </summary>
public static class RequestBodyReader
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            if (request.ContentLength is { } length && length > maxBytes)
            {
                if (length - maxBytes <= RequestLimits.DrainBytes)
                {
                    await DrainAsync(request.Body, cancellationToken).ConfigureAwait(false);
                }
                return null;
            }
            var body = request.ContentLength is { } exact
                ? await ReadExactlyAsync(request.Body, (int)exact, cancellationToken).ConfigureAwait(false)
                : await ReadChunkedAsync(request.Body, maxBytes, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                await DrainAsync(request.Body, cancellationToken).ConfigureAwait(false);
            }
            return body;
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

    /// <summary>Reads and discards up to <see cref="RequestLimits.DrainBytes"/>; a longer body is left to Kestrel, which closes the connection.</summary>
    private static async Task DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        var chunk = new byte[16 * 1024];
        long drained = 0;
        int read;
        while (drained <= RequestLimits.DrainBytes && (read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            drained += read;
        }
    }
}
