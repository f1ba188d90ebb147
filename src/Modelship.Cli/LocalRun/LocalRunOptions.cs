namespace Modelship.Cli.LocalRun;

public sealed record LocalRunOptions
{
    /// <summary>The router's port on 127.0.0.1; runtimes take free ports.</summary>
    public int Port { get; init; } = 8080;
}
