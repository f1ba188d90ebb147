using System.Globalization;
using System.Text;
using Modelship.Telemetry.Exposition;

namespace Modelship.Telemetry.Series;

/// <summary>
/// The canonical labels of one series, rendered once as <c>a="x",b="y"</c> (names sanitized and sorted, values
/// escaped). Two tag lists that render alike are the same series, whatever their order or value types.
/// </summary>
internal sealed class LabelSet
{
    public static readonly LabelSet Empty = new(string.Empty);

    private LabelSet(string text) => Text = text;

    /// <summary>The labels between the braces, without the braces; empty for a series without labels.</summary>
    public string Text { get; }

    /// <param name="reservedName">A label name the family adds itself (<c>le</c> of histograms); a tag of that name is renamed <c>exported_*</c>.</param>
    public static LabelSet From(ReadOnlySpan<KeyValuePair<string, object?>> tags, string? reservedName)
    {
        if (tags.IsEmpty)
        {
            return Empty;
        }
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            var name = PrometheusNames.LabelName(tag.Key ?? string.Empty);
            if (name == reservedName)
            {
                name = "exported_" + name;
            }
            // Names that collide after sanitizing: the later tag wins, as a later Add to a TagList would.
            labels[name] = PrometheusEscaping.LabelValue(ValueText(tag.Value));
        }
        var text = new StringBuilder();
        foreach (var (name, value) in labels)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }
            text.Append(name).Append("=\"").Append(value).Append('"');
        }
        return new LabelSet(text.ToString());
    }

    private static string ValueText(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
