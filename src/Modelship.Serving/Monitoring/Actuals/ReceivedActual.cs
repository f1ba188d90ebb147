namespace Modelship.Serving.Monitoring.Actuals;

/// <summary>One item of a <c>POST .../actuals</c> body.</summary>
public sealed record ReceivedActual(string AssociationId, ActualValue Actual, DateTimeOffset? Timestamp);
