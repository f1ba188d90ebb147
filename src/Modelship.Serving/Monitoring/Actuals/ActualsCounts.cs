namespace Modelship.Serving.Monitoring.Actuals;

/// <summary>The answer to <c>POST .../actuals</c>: what became of the batch's items.</summary>
public sealed record ActualsCounts(long Joined, long Unmatched, long Duplicate, long Invalid);
