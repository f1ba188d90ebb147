namespace Modelship.Serving.Routing;

/// <summary>How an exchange with a backend ended.</summary>
public enum BackendOutcome
{
    /// <summary>The backend sent a complete answer (any status code).</summary>
    Answered,

    /// <summary>The backend did not answer within the timeout.</summary>
    TimedOut,

    /// <summary>The connection could not be made or broke before the answer was complete.</summary>
    Unreachable,

    /// <summary>The caller went away; nothing is sent back.</summary>
    CallerAborted,
}
