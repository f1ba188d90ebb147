using System.Runtime.CompilerServices;

namespace Modelship.Serving.InferenceLog;

/// <summary>
/// Reads entries back from a log directory, across rotated files, as the raw lines that were written. Lines are in
/// write order, which is the order of their <c>time</c> (the time each answer was complete).
/// </summary>
public static class InferenceLogReader
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>The newest <see cref="InferenceLogQuery.Limit"/> matching entries, newest first.</summary>
    public static async Task<IReadOnlyList<byte[]>> ReadNewestFirstAsync(InferenceLogFiles files, InferenceLogQuery query, CancellationToken cancellationToken)
    {
        var opened = files.OpenOldestFirst();
        try
        {
            var newestFirst = new List<byte[]>();
            for (var i = opened.Count - 1; i >= 0 && newestFirst.Count < query.Limit; i--)
            {
                var wanted = query.Limit - newestFirst.Count;
                var newestOfFile = new Queue<byte[]>();
                await foreach (var line in ReadMatchingLinesAsync(opened[i].Stream, opened[i].Length, query.Matches, cancellationToken).ConfigureAwait(false))
                {
                    newestOfFile.Enqueue(line);
                    if (newestOfFile.Count > wanted)
                    {
                        newestOfFile.Dequeue();
                    }
                }
                newestFirst.AddRange(newestOfFile.Reverse());
            }
            return newestFirst;
        }
        finally
        {
            await DisposeAllAsync(opened).ConfigureAwait(false);
        }
    }

    /// <summary>Every matching entry, oldest first, streamed file by file (the limit does not apply).</summary>
    public static async IAsyncEnumerable<byte[]> ReadOldestFirstAsync(
        InferenceLogFiles files, InferenceLogQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var opened = files.OpenOldestFirst();
        try
        {
            foreach (var (stream, length) in opened)
            {
                await foreach (var line in ReadMatchingLinesAsync(stream, length, query.Matches, cancellationToken).ConfigureAwait(false))
                {
                    yield return line;
                }
            }
        }
        finally
        {
            await DisposeAllAsync(opened).ConfigureAwait(false);
        }
    }

    /// <summary>Complete lines (newline-terminated) within the first <paramref name="length"/> bytes that pass <paramref name="filter"/>.</summary>
    private static async IAsyncEnumerable<byte[]> ReadMatchingLinesAsync(
        Stream stream, long length, LogLineFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkBytes];
        var filled = 0;
        var remaining = length;
        var matches = new List<byte[]>();
        while (remaining > 0)
        {
            if (filled == buffer.Length)
            {
                // One line longer than the buffer (large tensors): grow until it fits.
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var read = await stream.ReadAsync(buffer.AsMemory(filled, (int)Math.Min(buffer.Length - filled, remaining)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            remaining -= read;
            filled += read;
            var consumed = CollectLines(buffer.AsSpan(0, filled), filter, matches);
            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
            foreach (var match in matches)
            {
                yield return match;
            }
            matches.Clear();
        }
        // Bytes after the last newline belong to a line the writer has not finished flushing: not an entry yet.
    }

    private static int CollectLines(ReadOnlySpan<byte> data, LogLineFilter filter, List<byte[]> matches)
    {
        var consumed = 0;
        int newline;
        while ((newline = data[consumed..].IndexOf((byte)'\n')) >= 0)
        {
            var line = data.Slice(consumed, newline);
            if (filter(line))
            {
                matches.Add(line.ToArray());
            }
            consumed += newline + 1;
        }
        return consumed;
    }

    private static async Task DisposeAllAsync(IReadOnlyList<(FileStream Stream, long Length)> opened)
    {
        foreach (var (stream, _) in opened)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
