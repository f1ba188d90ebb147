namespace Modelship.Serving.Routing;

/// <summary>
/// Records which routing table generation this router serves where the operator can see it, e.g. the annotation
/// <c>modelship.dev/routing-generation</c> on the router's own Pod.
/// </summary>
public interface IServedGenerationReporter
{
    Task ReportAsync(long generation, CancellationToken cancellationToken);
}
