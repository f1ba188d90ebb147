namespace Modelship.Serving.Routing;

/// <summary>A backend's complete answer, or why there is none.</summary>
public sealed record BackendResponse(BackendOutcome Outcome, int StatusCode, byte[] Body, string? ContentType, string? Failure)
{
    public bool IsSuccess => Outcome == BackendOutcome.Answered && StatusCode is >= 200 and < 300;

    public static BackendResponse Failed(BackendOutcome outcome, string failure) => new(outcome, 0, [], null, failure);
}
