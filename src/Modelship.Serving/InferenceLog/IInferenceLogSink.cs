namespace Modelship.Serving.InferenceLog;

/// <summary>Where the writer appends serialized lines; <see cref="RotatingLogFile"/> in the router.</summary>
public interface IInferenceLogSink : IAsyncDisposable
{
    /// <summary>Appends one complete line (newline included).</summary>
    ValueTask AppendAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken);

    /// <summary>Hands buffered lines to the operating system, so queries and readers see them.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken);
}
