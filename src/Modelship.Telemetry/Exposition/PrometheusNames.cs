namespace Modelship.Telemetry.Exposition;

/// <summary>Turns instrument and tag names into valid Prometheus metric and label names.</summary>
internal static class PrometheusNames
{
    public const string CounterSuffix = "_total";

    /// <summary>Metric names match <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>; OTel-style dots and other characters become underscores.</summary>
    public static string MetricName(string instrumentName) => Sanitize(instrumentName, allowColon: true);

    /// <summary>Counters end in <c>_total</c>; a name that already does is kept.</summary>
    public static string CounterName(string instrumentName)
    {
        var name = MetricName(instrumentName);
        return name.EndsWith(CounterSuffix, StringComparison.Ordinal) ? name : name + CounterSuffix;
    }

    /// <summary>Label names match <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static string LabelName(string tagName) => Sanitize(tagName, allowColon: false);

    private static string Sanitize(string name, bool allowColon)
    {
        if (name.Length == 0)
        {
            return "_";
        }
        if (IsValid(name, allowColon))
        {
            return name;
        }
        var leadingDigit = char.IsAsciiDigit(name[0]);
        return string.Create(name.Length + (leadingDigit ? 1 : 0), (name, allowColon, leadingDigit), static (span, state) =>
        {
            var offset = 0;
            if (state.leadingDigit)
            {
                span[0] = '_';
                offset = 1;
            }
            for (var i = 0; i < state.name.Length; i++)
            {
                var c = state.name[i];
                span[i + offset] = IsNameChar(c, state.allowColon) ? c : '_';
            }
        });
    }

    private static bool IsValid(string name, bool allowColon)
    {
        if (char.IsAsciiDigit(name[0]))
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!IsNameChar(c, allowColon))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsNameChar(char c, bool allowColon) =>
        char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
}
