using System.Text;

namespace Modelship.Telemetry.Exposition;

/// <summary>The two escaping rules of the text format: HELP text and label values.</summary>
internal static class PrometheusEscaping
{
    /// <summary>HELP text escapes backslash and line feed (a double quote stays as it is).</summary>
    public static string HelpText(string text) => Escape(text, escapeQuote: false);

    /// <summary>Label values escape backslash, double quote and line feed.</summary>
    public static string LabelValue(string value) => Escape(value, escapeQuote: true);

    private static string Escape(string text, bool escapeQuote)
    {
        if (text.AsSpan().IndexOfAny(escapeQuote ? "\\\"\n" : "\\\n") < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    builder.Append(@"\\");
                    break;
                case '\n':
                    builder.Append(@"\n");
                    break;
                case '"' when escapeQuote:
                    builder.Append("\\\"");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
        return builder.ToString();
    }
}
