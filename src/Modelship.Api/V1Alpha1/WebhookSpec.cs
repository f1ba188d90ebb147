using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>An HTTP endpoint that receives notifications.</summary>
public sealed record WebhookSpec
{
    [Description("URL receives an HTTP POST per event; http or https.")]
    [Length(1, 2048)]
    public required string Url { get; init; }

    [Description("SecretRef names a key of a Secret in the ModelDeployment's namespace holding the bearer token or the HMAC key (see auth). Read at each delivery, so a rotated secret is used at once.")]
    public NotificationSecretReference? SecretRef { get; init; }

    [Description("Auth says what the secret is: Bearer (sent as Authorization: Bearer <secret>) or HmacSha256 (X-Modelship-Timestamp: <unix seconds> and X-Modelship-Signature: sha256=<hex HMAC-SHA256 of \"<timestamp>.<body>\">; receivers should reject old timestamps to stop replays). Bearer when absent.")]
    public WebhookAuth? Auth { get; init; }

    [Description("PayloadTemplate is the request body with {{ .event }}, {{ .name }}, {{ .namespace }}, {{ .version }}, {{ .reason }}, {{ .message }} and {{ .time }} placeholders, each replaced by its value JSON-escaped (without quotes). Defaults to a JSON document with those fields.")]
    [Length(1, 16384)]
    public string? PayloadTemplate { get; init; }
}

/// <summary>One key of a Secret in the ModelDeployment's namespace.</summary>
public sealed record NotificationSecretReference
{
    [Description("Name of the Secret, in the ModelDeployment's namespace.")]
    [Length(1, 253)]
    public required string Name { get; init; }

    [Description("Key in the Secret's data.")]
    [Length(1, 253)]
    public required string Key { get; init; }
}
