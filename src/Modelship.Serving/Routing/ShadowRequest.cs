using Modelship.Serving.InferenceLog;

namespace Modelship.Serving.Routing;

/// <summary>
/// One request to mirror to one shadow, with the answer the caller got to compare against, and how the request is
/// inference-logged (null: not at all).
/// </summary>
public sealed record ShadowRequest(string Model, RoutedBackend Shadow, byte[] Body, string? ContentType, BackendResponse PrimaryAnswer, InferenceLogContext? Log = null);
