using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>Posts a V2 inference request to the runtime Service over HTTP.</summary>
public sealed class HttpModelInferenceSource(HttpClient http) : IModelInferenceSource
{
    public async Task<InferenceAnswer> InferAsync(string runtimeUrl, string modelName, string requestJson, CancellationToken cancellationToken)
    {
        var uri = new Uri($"{runtimeUrl.TrimEnd('/')}/v2/models/{Uri.EscapeDataString(modelName)}/infer");
        try
        {
            using var content = new StringContent(requestJson, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(uri, content, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return InferenceAnswer.Failed($"{(int)response.StatusCode} {ErrorOf(body)}");
            }
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("outputs", out var outputs) && outputs.ValueKind == JsonValueKind.Array
                ? InferenceAnswer.Answered(outputs.Clone())
                : InferenceAnswer.Failed("the answer has no outputs array");
        }
        catch (JsonException)
        {
            return InferenceAnswer.Failed("the answer is not JSON");
        }
        catch (Exception ex) when (ex is HttpRequestException or (TaskCanceledException and not OperationCanceledException { CancellationToken.IsCancellationRequested: true }))
        {
            return InferenceAnswer.NoAnswer($"POST {uri}: {ex.Message}");
        }
    }

    /// <summary>V2 errors are <c>{"error": "..."}</c>; anything else is shown as it came, shortened.</summary>
    private static string ErrorOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                return error.GetString()!;
            }
        }
        catch (JsonException)
        {
        }
        return body.Length <= 200 ? body : body[..200] + "...";
    }
}
