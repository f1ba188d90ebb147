namespace Modelship.Cli.LocalRun;

/// <summary>One model version served on 127.0.0.1 by `modelship run`: the built-in runtime in this process, or a ServingRuntime's command as a child process.</summary>
public interface ILocalRuntime : IAsyncDisposable
{
    /// <summary>Where it answers V2 REST, such as <c>http://127.0.0.1:40123/</c>.</summary>
    Uri BaseAddress { get; }

    string Version { get; }

    /// <summary>Stops serving gracefully (requests in flight finish); <see cref="IAsyncDisposable.DisposeAsync"/> releases the rest.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
