using System.Text;

namespace Modelship.EndToEnd.Monitoring;

/// <summary>
/// The metric names a PromQL expression selects, found by scanning its tokens: an identifier is a metric unless it is
/// called (a function), is a keyword or an aggregation operator, or stands in a label list (<c>by (...)</c>,
/// <c>on (...)</c>, <c>group_left (...)</c>) or inside braces (label matchers). Strings, numbers, durations, range
/// brackets, comments and Grafana variables (<c>$name</c>, <c>${name}</c>) are skipped.
/// </summary>
public static class PromQlSelectors
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "atan2", "inf", "nan",
        "by", "without", "on", "ignoring", "group_left", "group_right",
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio",
    };

    private static readonly HashSet<string> LabelListKeywords = new(StringComparer.Ordinal) { "by", "without", "on", "ignoring", "group_left", "group_right" };

    public static IReadOnlyList<MetricSelector> Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var selectors = new List<MetricSelector>();
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#')
            {
                i = SkipLine(expression, i);
            }
            else if (c is '"' or '\'' or '`')
            {
                i = SkipString(expression, i, out _);
            }
            else if (c == '[')
            {
                i = SkipPast(expression, i, ']');
            }
            else if (c == '$')
            {
                i = SkipVariable(expression, i);
            }
            else if (c == '{')
            {
                // A selector without a metric name; only {__name__="..."} names one.
                i = ReadMatchers(expression, i, out var matchers);
                if (matchers.TryGetValue("__name__", out var name) && name.Operator == "=")
                {
                    selectors.Add(new MetricSelector(name.Value, matchers));
                }
            }
            else if (char.IsAsciiDigit(c) || c == '.')
            {
                i = SkipNumberOrDuration(expression, i);
            }
            else if (IsIdentifierStart(c))
            {
                var start = i;
                while (i < expression.Length && IsIdentifierPart(expression[i]))
                {
                    i++;
                }
                var identifier = expression[start..i];
                var next = SkipWhitespace(expression, i);
                var following = next < expression.Length ? expression[next] : '\0';
                if (LabelListKeywords.Contains(identifier))
                {
                    i = following == '(' ? SkipPast(expression, next, ')') : i;
                }
                else if (Keywords.Contains(identifier) || following == '(')
                {
                    // A keyword, or a function called with the arguments that follow (scanned as usual).
                }
                else if (following == '{')
                {
                    i = ReadMatchers(expression, next, out var matchers);
                    selectors.Add(new MetricSelector(identifier, matchers));
                }
                else
                {
                    selectors.Add(new MetricSelector(identifier, new Dictionary<string, (string, string)>()));
                }
            }
            else
            {
                i++;
            }
        }
        return selectors;
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or ':';

    private static int SkipWhitespace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
        return i;
    }

    private static int SkipLine(string text, int i)
    {
        var end = text.IndexOf('\n', i);
        return end < 0 ? text.Length : end + 1;
    }

    /// <summary>Skips from an opening character past its closing one, strings inside included.</summary>
    private static int SkipPast(string text, int i, char close)
    {
        var open = text[i];
        var depth = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(text, i, out _);
                continue;
            }
            if (c == open)
            {
                depth++;
            }
            else if (c == close && --depth == 0)
            {
                return i + 1;
            }
            i++;
        }
        throw new FormatException($"no '{close}' closes the '{open}' in: {text}");
    }

    private static int SkipString(string text, int i, out string value)
    {
        var quote = text[i++];
        var builder = new StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && quote != '`' && i + 1 < text.Length)
            {
                i++;
            }
            builder.Append(text[i++]);
        }
        if (i >= text.Length)
        {
            throw new FormatException($"unterminated string in: {text}");
        }
        value = builder.ToString();
        return i + 1;
    }

    private static int SkipVariable(string text, int i)
    {
        i++;
        if (i < text.Length && text[i] == '{')
        {
            return SkipPast(text, i, '}');
        }
        while (i < text.Length && IsIdentifierPart(text[i]))
        {
            i++;
        }
        return i;
    }

    private static int SkipNumberOrDuration(string text, int i)
    {
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '.'
            || (text[i] is '+' or '-' && i > 1 && text[i - 1] is 'e' or 'E' && char.IsAsciiDigit(text[i - 2]))))
        {
            i++;
        }
        return i;
    }

    /// <summary>Reads <c>{name op "value", ...}</c> from the brace at <paramref name="i"/>.</summary>
    private static int ReadMatchers(string text, int i, out Dictionary<string, (string Operator, string Value)> matchers)
    {
        matchers = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        i++;
        while (true)
        {
            i = SkipWhitespace(text, i);
            if (i >= text.Length)
            {
                throw new FormatException($"unterminated label matchers in: {text}");
            }
            if (text[i] == '}')
            {
                return i + 1;
            }
            if (text[i] == ',')
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && IsIdentifierPart(text[i]))
            {
                i++;
            }
            var label = text[start..i];
            i = SkipWhitespace(text, i);
            var operatorStart = i;
            while (i < text.Length && text[i] is '=' or '!' or '~')
            {
                i++;
            }
            var op = text[operatorStart..i];
            i = SkipWhitespace(text, i);
            if (label.Length == 0 || op is not ("=" or "!=" or "=~" or "!~") || i >= text.Length || text[i] is not ('"' or '\'' or '`'))
            {
                throw new FormatException($"malformed label matcher at {start} in: {text}");
            }
            i = SkipString(text, i, out var value);
            matchers[label] = (op, value);
        }
    }
}
