namespace Modelship.Kubernetes.Config;

/// <summary>Supplies the bearer token for each request, so rotated tokens are picked up.</summary>
public interface ITokenProvider
{
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);
}
