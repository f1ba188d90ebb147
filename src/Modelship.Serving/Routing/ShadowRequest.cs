namespace Modelship.Serving.Routing;

/// <summary>One request to mirror to one shadow, with the answer the caller got to compare against.</summary>
public sealed record ShadowRequest(string Model, RoutedBackend Shadow, byte[] Body, string? ContentType, BackendResponse PrimaryAnswer);
