using System.Globalization;
using System.Text;

namespace Modelship.Kubernetes.Client;

/// <summary>Builds <c>?a=1&amp;b=2</c>, skipping empty values.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder _builder = new();

    public QueryString Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _builder.Append(_builder.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    public QueryString Add(string name, long? value) =>
        value is null ? this : Add(name, value.Value.ToString(CultureInfo.InvariantCulture));

    public QueryString Add(string name, bool? value) => value is null ? this : Add(name, value.Value ? "true" : "false");

    public override string ToString() => _builder.ToString();
}
