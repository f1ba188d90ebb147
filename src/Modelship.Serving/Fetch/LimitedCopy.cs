namespace Modelship.Serving.Fetch;

internal static class LimitedCopy
{
    public static async Task<long> CopyAsync(Stream source, Stream target, long maxBytes, string what, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                throw new FetchException($"{what} is over the limit of {maxBytes} bytes");
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        return total;
    }
}
