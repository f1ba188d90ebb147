namespace Modelship.EndToEnd.Load;

/// <summary>
/// One request of a load run: <see cref="System.Diagnostics.Stopwatch"/> timestamps of sending and of the full
/// answer, the router's headers, and <see cref="Failure"/> when it was not a 200 with a valid V2 answer.
/// </summary>
public sealed record RequestRecord(long SentAt, long CompletedAt, int Status, string? Version, string? Role, long? Generation, string? Failure);
