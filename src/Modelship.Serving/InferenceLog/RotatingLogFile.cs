namespace Modelship.Serving.InferenceLog;

/// <summary>
/// Appends lines to <c>inference.log</c> through a buffered stream and rotates it when the next line would take it
/// past the size limit. Used by the writer's one task only, so it needs no locking of its own.
/// </summary>
public sealed class RotatingLogFile(InferenceLogFiles files, long maxFileBytes, int maxFiles) : IInferenceLogSink
{
    private const int BufferBytes = 64 * 1024;

    private FileStream? _stream;
    private long _size;

    public async ValueTask AppendAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        _stream ??= Open();
        if (_size > 0 && _size + line.Length > maxFileBytes)
        {
            await RotateAsync().ConfigureAwait(false);
        }
        await _stream!.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        _size += line.Length;
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_stream is not null)
        {
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
            _stream = null;
        }
    }

    private async Task RotateAsync()
    {
        var full = _stream!;
        _stream = null;
        await full.DisposeAsync().ConfigureAwait(false);
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
