using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Modelship.Kubernetes.Models;

/// <summary>
/// metav1.Time as the package's models type it (<see cref="DateTime"/>): RFC 3339 in UTC with whole seconds, as the API
/// server writes it, so what we read and write back compares equal. Read as UTC.
/// </summary>
public sealed class KubernetesDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        KubernetesTimes.Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(KubernetesTimes.Utc(value).ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// metav1.MicroTime (Lease acquireTime and renewTime, Event eventTime): the server requires exactly six fraction
/// digits. The package types these as <see cref="DateTime"/> too, so <see cref="KubernetesJsonOptions"/> puts this
/// converter on those properties.
/// </summary>
public sealed class KubernetesMicroTimeConverter : JsonConverter<DateTime?>
{
    public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : KubernetesTimes.Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, DateTime? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is not { } time)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStringValue(KubernetesTimes.Utc(time).ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture));
    }
}

internal static class KubernetesTimes
{
    public static DateTime Parse(string? text) => string.IsNullOrEmpty(text)
        ? throw new JsonException("A time must not be empty.")
        : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal).UtcDateTime;

    public static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
}
