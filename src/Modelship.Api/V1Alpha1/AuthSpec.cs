using System.ComponentModel;

namespace Modelship.Api.V1Alpha1;

/// <summary>Who may call the endpoint; open to every caller that reaches the Service when absent.</summary>
public sealed record AuthSpec
{
    /// <summary>Bearer tokens read from Secrets mounted into the router Pods.</summary>
    [Description("BearerTokens requires Authorization: Bearer <token> on every request to the endpoint except the health probes, /metrics and GET /v2/monitoring. Every key of the Secret is a valid token, so a token rotates without downtime: add the new key, move the clients, remove the old key.")]
    public required AuthBearerTokens BearerTokens { get; init; }
}
