namespace Modelship.Serving.Monitoring.Actuals;

/// <summary>A prediction with its actual outcome, one element of the rolling accuracy window.</summary>
public sealed record JoinedActual(Prediction Prediction, ActualValue Actual);
