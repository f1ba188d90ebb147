using Modelship.Api.Routing;

namespace Modelship.Serving.InferenceLog;

/// <summary>
/// What a shadow needs to log its answer like the request it mirrors: the table's settings, the request's sampling
/// draw (so a sampled request is logged with its shadows) and the id of the caller's entry.
/// </summary>
public sealed record InferenceLogContext(InferenceLogSettings Settings, bool Sampled, string FallbackId);
