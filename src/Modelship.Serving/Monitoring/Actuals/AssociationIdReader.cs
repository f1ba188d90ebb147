using System.Globalization;
using System.Text.Json;
using Modelship.Api.Routing;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Monitoring.Actuals;

/// <summary>
/// Reads a request's association id from its body (a top-level <c>parameters</c> key, or the first element of an
/// input). Runs on the join's background thread, never on the request path; a header is read on the request path
/// (a lookup, no parsing) and travels with the queued item.
/// </summary>
public static class AssociationIdReader
{
    /// <summary>The id, or null when the request carries none (or is not JSON).</summary>
    public static string? ReadFromBody(ReadOnlySpan<byte> body, AssociationIdKey key)
    {
        try
        {
            return key.Source switch
            {
                AssociationIdSource.Parameter => ReadParameter(body, key.Name),
                AssociationIdSource.Input => InferInputKeyReader.ReadFirstValue(body, key.Name),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ReadParameter(ReadOnlySpan<byte> body, string name)
    {
        var reader = new Utf8JsonReader(body);
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("parameters", out var parameters)
            || parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty(name, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True or JsonValueKind.False => value.GetBoolean().ToString(CultureInfo.InvariantCulture).ToLowerInvariant(),
            _ => null,
        };
    }
}
