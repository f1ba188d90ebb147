using System.Buffers;
using Microsoft.AspNetCore.Http;
using Modelship.Serving.Http;

namespace Modelship.Serving.Runtime;

/// <summary>
/// A request body read into one array rented from the shared pool (inference bodies are large and parsed once);
/// dispose to return it. Bodies above the limit are refused whether or not a Content-Length announced them.
/// </summary>
/// <remarks>
/// A refused body is still read and dropped up to <see cref="RequestLimits.DrainBytes"/> past the limit: a client that
/// is still sending when the server answers and closes gets a connection reset instead of the 413 and its message.
/// </remarks>
internal sealed class PooledRequestBody : IDisposable
{
    private const long DrainBytes = RequestLimits.DrainBytes;

    private byte[] _buffer;

    private PooledRequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<PooledRequestBody?> ReadAsync(HttpContext context, long maxBytes, CancellationToken cancellationToken)
    {
        // This reader enforces the limit itself; Kestrel's (RequestLimits.ApplyTo) leaves room to drain past it.
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            if (request.ContentLength - maxBytes <= DrainBytes) await DrainAsync(request.Body, DrainBytes + maxBytes, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var limit = (int)Math.Min(maxBytes, Array.MaxLength);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 16 * 1024, limit) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit) break;
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, (long)limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                length += read;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit (the same number) applied after all.
            ArrayPool<byte>.Shared.Return(buffer);
            return null;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        if (length > limit)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await DrainAsync(request.Body, DrainBytes, cancellationToken).ConfigureAwait(false);
            return null;
        }

        return new PooledRequestBody(buffer, length);
    }

    private static async Task DrainAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long drained = 0;
            int read;
            while (drained <= maxBytes && (read = await body.ReadAsync(scratch, cancellationToken).ConfigureAwait(false)) > 0)
                drained += read;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Past Kestrel's limit too: it closes the connection after the answer.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }
}
