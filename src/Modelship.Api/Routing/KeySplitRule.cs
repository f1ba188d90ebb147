namespace Modelship.Api.Routing;

/// <summary>Routes a request by the exact value of a key, such as a country or a tenant.</summary>
public sealed record KeySplitRule
{
    /// <summary>Whether the key comes from a header or from an input tensor.</summary>
    public required KeySource Source { get; init; }

    /// <summary>Header name or input tensor name.</summary>
    public required string Name { get; init; }

    /// <summary>Key value to backend name. Values are compared ordinally (case-sensitive).</summary>
    public IReadOnlyDictionary<string, string> Routes { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Backend for values not listed in <see cref="Routes"/> and for requests without the key. When absent, such
    /// requests take the sticky or weighted split.
    /// </summary>
    public string? Default { get; init; }
}
