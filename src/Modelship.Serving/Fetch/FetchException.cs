namespace Modelship.Serving.Fetch;

/// <summary>A model could not be fetched; the message says why in words an operator can act on.</summary>
public sealed class FetchException : Exception
{
    public FetchException(string message) : base(message) { }

    public FetchException(string message, Exception inner) : base(message, inner) { }

    public FetchException() { }
}
