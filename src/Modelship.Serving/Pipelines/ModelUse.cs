namespace Modelship.Serving.Pipelines;

/// <summary>One exchange of a step with one of its models, for the inference log and the step-models header.</summary>
/// <param name="Model">The model's name within the step.</param>
/// <param name="Version">The version that answered (as its answer names it), else the one the table expects.</param>
/// <param name="Status">The model's HTTP status; 503/504 when it did not answer.</param>
/// <param name="LatencyMs">Duration of the exchange.</param>
public sealed record ModelUse(string Model, string Version, int Status, double LatencyMs);
