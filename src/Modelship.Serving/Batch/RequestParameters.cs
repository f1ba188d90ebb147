using System.Globalization;
using System.Text.Json;

namespace Modelship.Serving.Batch;

/// <summary>
/// The <c>parameters</c> merged into every request (--parameters k=v, spec.batch.parameters). A value is sent as a
/// JSON boolean when it is true or false, as a number when it reads as one, and as a string otherwise.
/// </summary>
public sealed class RequestParameters
{
    public static readonly RequestParameters None = new([]);

    public RequestParameters(IEnumerable<KeyValuePair<string, string>> values) =>
        Values = [.. (values ?? throw new ArgumentNullException(nameof(values))).OrderBy(p => p.Key, StringComparer.Ordinal)];

    public IReadOnlyList<KeyValuePair<string, string>> Values { get; }

    public int Count => Values.Count;

    /// <summary>Parses "key=value" arguments; the first '=' separates them.</summary>
    /// <exception cref="BatchInputException">An argument without '=' or with an empty key, or a key given twice.</exception>
    public static RequestParameters Parse(IEnumerable<string> arguments)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new BatchInputException($"--parameters \"{argument}\" is not key=value");
            }
            if (!values.TryAdd(argument[..equals], argument[(equals + 1)..]))
            {
                throw new BatchInputException($"--parameters names {argument[..equals]} twice");
            }
        }
        return new RequestParameters(values);
    }

    public static void WriteValue(Utf8JsonWriter writer, string value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is "true" or "false")
        {
            writer.WriteBooleanValue(value == "true");
        }
        else if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            writer.WriteNumberValue(integer);
        }
        else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            writer.WriteNumberValue(real);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
