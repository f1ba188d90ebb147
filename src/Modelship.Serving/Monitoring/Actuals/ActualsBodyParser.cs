using System.Globalization;
using System.Text.Json;
using Modelship.Api.Routing;

namespace Modelship.Serving.Monitoring.Actuals;

/// <summary>
/// Parses and validates a <c>POST /v2/models/{name}/actuals</c> body: <c>[{"associationId", "actual", "timestamp"?}]</c>
/// or <c>{"actuals": [...]}</c>. The batch is accepted or refused as a whole: the first bad item throws
/// <see cref="ActualsValidationException"/> naming it, so a client fixes and resends the batch (which idempotency makes safe).
/// </summary>
public static class ActualsBodyParser
{
    /// <summary>Items one request may carry.</summary>
    public const int MaxItems = 10_000;

    /// <summary>Longest association id, in characters.</summary>
    public const int MaxAssociationIdLength = 256;

    public static IReadOnlyList<ReceivedActual> Parse(ReadOnlySpan<byte> body, ModelTask task)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new ActualsValidationException(null, $"the body is not JSON: {e.Message}");
        }
        using (document)
        {
            var items = document.RootElement;
            if (items.ValueKind == JsonValueKind.Object)
            {
                if (!items.TryGetProperty("actuals", out items))
                {
                    throw new ActualsValidationException(null, "an object body must have an \"actuals\" array");
                }
            }
            if (items.ValueKind != JsonValueKind.Array)
            {
                throw new ActualsValidationException(null, "the body must be an array of actuals or {\"actuals\": [...]}");
            }
            var count = items.GetArrayLength();
            if (count > MaxItems)
            {
                throw new ActualsValidationException(null, $"{count} actuals in one request; at most {MaxItems}");
            }
            var parsed = new List<ReceivedActual>(count);
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                parsed.Add(ParseItem(item, index, task));
                index++;
            }
            return parsed;
        }
    }

    private static ReceivedActual ParseItem(JsonElement item, int index, ModelTask task)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new ActualsValidationException(index, "must be an object with associationId and actual");
        }
        if (!item.TryGetProperty("associationId", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 } associationId)
        {
            throw new ActualsValidationException(index, "associationId must be a non-empty string");
        }
        if (associationId.Length > MaxAssociationIdLength)
        {
            throw new ActualsValidationException(index, $"associationId is longer than {MaxAssociationIdLength} characters");
        }
        if (!item.TryGetProperty("actual", out var actual))
        {
            throw new ActualsValidationException(index, "actual is missing");
        }
        var value = ParseActual(actual, index, task);
        DateTimeOffset? timestamp = null;
        if (item.TryGetProperty("timestamp", out var time) && time.ValueKind != JsonValueKind.Null)
        {
            if (time.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(time.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsedTime))
            {
                throw new ActualsValidationException(index, "timestamp must be an RFC 3339 date-time string");
            }
            timestamp = parsedTime;
        }
        return new ReceivedActual(associationId, value, timestamp);
    }

    private static ActualValue ParseActual(JsonElement actual, int index, ModelTask task)
    {
        switch (actual.ValueKind)
        {
            case JsonValueKind.Number when actual.TryGetDouble(out var number) && double.IsFinite(number):
                return ActualValue.FromNumber(number);
            case JsonValueKind.True or JsonValueKind.False when task == ModelTask.Classification:
                return ActualValue.FromBoolean(actual.GetBoolean());
            case JsonValueKind.String when task == ModelTask.Classification && actual.GetString() is { Length: > 0 } label:
                return ActualValue.FromText(label);
            default:
                throw new ActualsValidationException(index, task == ModelTask.Classification
                    ? "actual must be a finite number, a non-empty string or a boolean"
                    : "actual must be a finite number (the model's task is regression)");
        }
    }
}
