using System.Text.Json;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>Asks the runtime Service for <c>/v2/models/{name}</c> over HTTP.</summary>
public sealed class HttpModelMetadataSource(HttpClient http) : IModelMetadataSource
{
    public async Task<ModelSignature?> GetSignatureAsync(string runtimeUrl, string modelName, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri($"{runtimeUrl.TrimEnd('/')}/v2/models/{Uri.EscapeDataString(modelName)}"), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return Parse(document.RootElement);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or (TaskCanceledException and not OperationCanceledException { CancellationToken.IsCancellationRequested: true }))
        {
            return null;
        }
    }

    /// <summary>The signature in a V2 model metadata response.</summary>
    public static ModelSignature Parse(JsonElement metadata) => new(Tensors(metadata, "inputs"), Tensors(metadata, "outputs"));

    private static List<TensorSignature> Tensors(JsonElement metadata, string property)
    {
        if (!metadata.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return list.EnumerateArray().Select(t => new TensorSignature(
            t.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "",
            t.TryGetProperty("datatype", out var type) ? type.GetString() ?? "" : "",
            t.TryGetProperty("shape", out var shape) && shape.ValueKind == JsonValueKind.Array ? shape.EnumerateArray().Select(d => d.GetInt64()).ToList() : [])).ToList();
    }
}
