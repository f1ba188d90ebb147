namespace Modelship.Kubernetes.Config;

public sealed class StaticTokenProvider(string token) : ITokenProvider
{
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);
}
