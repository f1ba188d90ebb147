namespace Modelship.Serving.Pipelines;

/// <summary>Why a step failed a request: the status the caller gets, the message, and the metric's reason label.</summary>
/// <param name="Status">400 (the caller's inputs do not fit), 422 (a rejecting validation), 502 (a model failed or answered what the next step cannot use) or 504 (timeout).</param>
/// <param name="Message">For people; it names the step.</param>
/// <param name="Reason">status, timeout, unreachable, answer, tensors or rejected.</param>
public sealed record StepFailure(int Status, string Message, string Reason)
{
    /// <summary>The caller went away: nothing is answered, counted or logged.</summary>
    public static StepFailure CallerAborted { get; } = new(0, "the caller went away", "aborted");
}
