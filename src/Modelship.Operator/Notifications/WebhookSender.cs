using System.Net;
using System.Net.Http.Headers;
using System.Text;
using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Client;
using Polly;
using Polly.Timeout;

namespace Modelship.Operator.Notifications;

/// <summary>The outcome of a webhook call: accepted or not, after how many attempts, and what the last one got.</summary>
public sealed record WebhookResult(bool Sent, int Attempts, string Detail);

/// <summary>
/// POSTs a notification to its webhook with the retries of <see cref="DeliveryRetryPolicy"/>. The secret is read at
/// each attempt through the operator's client, so a rotated token or key is used at once.
/// </summary>
public sealed class WebhookSender(HttpClient http, ResourceClient<V1Secret> secrets, DeliveryRetryPolicy policy, TimeProvider time)
{
    private readonly ResiliencePipeline<HttpStatusCode> _pipeline = policy.Build(time);

    public async Task<WebhookResult> SendAsync(NotificationWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var webhook = work.Notification.Webhook ?? throw new ArgumentException("the notification has no webhook", nameof(work));
        var body = NotificationPayload.Render(work);
        var attempts = 0;
        try
        {
            var status = await _pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                var secret = webhook.SecretRef is { } reference ? await ReadSecretAsync(work.Owner.Metadata.NamespaceProperty, reference, token).ConfigureAwait(false) : null;
                using var request = Request(webhook, body, secret, time.GetUtcNow());
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                return response.StatusCode;
            }, cancellationToken).ConfigureAwait(false);
            var success = (int)status is >= 200 and < 300;
            return new WebhookResult(success, attempts, $"HTTP {(int)status}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or NotificationSecretException)
        {
            return new WebhookResult(false, attempts, ex.Message);
        }
    }

    /// <summary>The request of one attempt: JSON body, and the bearer token or the HMAC headers when a secret is set.</summary>
    public static HttpRequestMessage Request(WebhookSpec webhook, string body, byte[]? secret, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (secret is null)
        {
            return request;
        }
        if (webhook.Auth == WebhookAuth.HmacSha256)
        {
            var timestamp = WebhookSignature.Timestamp(now);
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Encoding.UTF8.GetString(secret).Trim());
        }
        return request;
    }

    private async Task<byte[]> ReadSecretAsync(string ns, NotificationSecretReference reference, CancellationToken cancellationToken)
    {
        V1Secret? secret;
        try
        {
            secret = await secrets.GetOrNullAsync(ns, reference.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex)
        {
            throw new NotificationSecretException($"cannot read Secret {ns}/{reference.Name}: {ex.Message}", ex);
        }
        if (secret is null)
        {
            throw new NotificationSecretException($"Secret {ns}/{reference.Name} not found");
        }
        return secret.Data is { } data && data.TryGetValue(reference.Key, out var value) && value is not null
            ? value
            : throw new NotificationSecretException($"Secret {ns}/{reference.Name} has no key '{reference.Key}'");
    }
}
