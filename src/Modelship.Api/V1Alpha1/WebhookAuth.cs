using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>What a webhook's secret is used for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WebhookAuth>))]
public enum WebhookAuth
{
    /// <summary>The secret is sent as <c>Authorization: Bearer</c>.</summary>
    Bearer,

    /// <summary>The secret is the key of an HMAC-SHA256 signature over the timestamp and the body.</summary>
    HmacSha256,
}
