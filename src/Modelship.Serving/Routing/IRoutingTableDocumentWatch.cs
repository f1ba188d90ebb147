namespace Modelship.Serving.Routing;

/// <summary>
/// The routing table document as it changes, e.g. a key of a watched ConfigMap. Yields the JSON text (null when the
/// document does not exist) once at the start and after every change; reconnects on its own until cancelled.
/// </summary>
public interface IRoutingTableDocumentWatch
{
    /// <summary>Where the document lives, for logs, e.g. <c>ConfigMap default/iris-routing</c>.</summary>
    string Origin { get; }

    IAsyncEnumerable<string?> WatchAsync(CancellationToken cancellationToken);
}
