namespace Modelship.Serving.Protocol;

/// <summary>A request the caller got wrong (malformed JSON, wrong shape or datatype, unknown input): HTTP 400.</summary>
public sealed class InferenceProtocolException : Exception
{
    public InferenceProtocolException(string message) : base(message)
    {
    }

    public InferenceProtocolException(string message, Exception inner) : base(message, inner)
    {
    }
}
