namespace Modelship.Serving.Monitoring.Profile;

/// <summary>Training data or options a profile cannot be computed from; the message says which and why.</summary>
public sealed class ProfileInputException : Exception
{
    public ProfileInputException()
    {
    }

    public ProfileInputException(string message)
        : base(message)
    {
    }

    public ProfileInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
