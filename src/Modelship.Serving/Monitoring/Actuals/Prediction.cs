namespace Modelship.Serving.Monitoring.Actuals;

/// <summary>
/// What a version predicted for one association id (the first row of the answer): a class label and, when the answer
/// has them, the class probabilities (classification), or a number (regression).
/// </summary>
public sealed record Prediction(string AssociationId, string Version, DateTimeOffset Time, string? Label, double[]? Probabilities, double? Value);
