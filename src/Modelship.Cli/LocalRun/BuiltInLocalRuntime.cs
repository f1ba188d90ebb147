using Modelship.Serving;

namespace Modelship.Cli.LocalRun;

/// <summary>The built-in ONNX runtime (<see cref="RuntimeHost"/>) in this process.</summary>
internal sealed class BuiltInLocalRuntime(RuntimeHost host) : ILocalRuntime
{
    public Uri BaseAddress => host.BaseAddress;

    public string Version => host.Model.Version;

    public Task StopAsync(CancellationToken cancellationToken) => host.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
