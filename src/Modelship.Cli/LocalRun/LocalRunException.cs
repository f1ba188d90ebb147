namespace Modelship.Cli.LocalRun;

/// <summary>A manifest that `modelship run` cannot serve; the message says why.</summary>
public sealed class LocalRunException : Exception
{
    public LocalRunException(string message) : base(message) { }

    public LocalRunException(string message, Exception inner) : base(message, inner) { }

    public LocalRunException() { }
}
