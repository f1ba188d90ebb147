namespace Modelship.Cli.Client;

/// <summary>A failure the command reports as one message (on stderr) and an exit code of <see cref="CliExitCodes"/>.</summary>
public sealed class ClientCommandException : Exception
{
    public ClientCommandException(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public ClientCommandException()
    {
    }

    public ClientCommandException(string message)
        : base(message)
    {
        ExitCode = CliExitCodes.Failure;
    }

    public ClientCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = CliExitCodes.Failure;
    }

    public int ExitCode { get; } = CliExitCodes.Failure;
}
