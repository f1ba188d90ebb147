namespace Modelship.Serving.InferenceLog;

/// <summary>
/// Appends lines to <c>inference.log</c> through a buffered stream and rotates it when the next line would take it
/// past the size limit. Used by the writer's one thread only, so it needs no locking of its own. Appends copy into
/// the stream's buffer; the writer flushes once per batch, so a batch costs one write system call (more only when
/// it is larger than the buffer).
/// </summary>
public sealed class RotatingLogFile(InferenceLogFiles files, long maxFileBytes, int maxFiles) : IInferenceLogSink
{
    private const int BufferBytes = 64 * 1024;

    private FileStream? _stream;
    private long _size;

    public void Append(ReadOnlySpan<byte> line, CancellationToken abandon)
    {
        _stream ??= Open();
        if (_size > 0 && _size + line.Length > maxFileBytes)
        {
            Rotate();
        }
        _stream!.Write(line);
        _size += line.Length;
    }

    public void Flush() => _stream?.Flush();

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
            _stream = null;
        }
    }

    private void Rotate()
    {
        var full = _stream!;
        _stream = null;
        full.Dispose();
        lock (files.Lock)
        {
            files.Shift(maxFiles);
            _stream = Open();
        }
    }

    private FileStream Open()
    {
        Directory.CreateDirectory(files.Directory);
        var stream = new FileStream(files.PathOf(0), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, BufferBytes);
        _size = stream.Length;
        return stream;
    }
}
