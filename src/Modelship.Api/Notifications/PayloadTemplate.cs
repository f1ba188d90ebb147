using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Modelship.Api.Notifications;

/// <summary>
/// A webhook body template: <c>{{ .field }}</c> placeholders replaced by their value JSON-escaped without the quotes,
/// so a template such as <c>{"text": "{{ .message }}"}</c> stays valid JSON whatever the message holds. Pure.
/// </summary>
public static partial class PayloadTemplate
{
    /// <summary>The placeholders a template may use, in the order the default document lists them.</summary>
    public static IReadOnlyList<string> Fields { get; } = ["event", "name", "namespace", "version", "reason", "message", "time"];

    /// <summary>The placeholders a template names that are not <see cref="Fields"/>.</summary>
    public static IReadOnlyList<string> UnknownFields(string template) =>
        [.. Placeholder().Matches(template).Select(m => m.Groups[1].Value).Where(f => !Fields.Contains(f, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The body for <paramref name="values"/> (keyed by field name; a missing or null value renders empty): the
    /// template with placeholders replaced, or without a template a JSON object of every field.
    /// </summary>
    public static string Render(string? template, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (template is null)
        {
            return DefaultDocument(values);
        }
        return Placeholder().Replace(template, m => Escape(values.GetValueOrDefault(m.Groups[1].Value) ?? ""));
    }

    private static string DefaultDocument(IReadOnlyDictionary<string, string?> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var field in Fields)
            {
                if (values.GetValueOrDefault(field) is { } value)
                {
                    writer.WriteString(field, value);
                }
                else
                {
                    writer.WriteNull(field);
                }
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The JSON string literal of <paramref name="value"/> without its quotes.</summary>
    private static string Escape(string value)
    {
        var quoted = JsonSerializer.Serialize(value, PayloadTemplateJsonContext.Default.String);
        return quoted[1..^1];
    }

    [GeneratedRegex(@"\{\{\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class PayloadTemplateJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
