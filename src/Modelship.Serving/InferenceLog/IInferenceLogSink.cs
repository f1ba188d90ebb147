namespace Modelship.Serving.InferenceLog;

/// <summary>
/// Where the writer appends serialized lines; <see cref="RotatingLogFile"/> in the router. Called only from the
/// writer's own background thread, so the calls may block (they never run on the request path or the thread pool).
/// </summary>
public interface IInferenceLogSink : IAsyncDisposable
{
    /// <summary>Appends one complete line (newline included); <paramref name="abandon"/> fires when shutdown stops waiting for a stuck sink.</summary>
    void Append(ReadOnlySpan<byte> line, CancellationToken abandon);

    /// <summary>Hands buffered lines to the operating system, so queries and readers see them.</summary>
    void Flush();
}
