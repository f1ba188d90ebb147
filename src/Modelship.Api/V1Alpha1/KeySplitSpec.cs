using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>Routes requests by the exact value of a header or input, such as a country or a tenant.</summary>
public sealed record KeySplitSpec
{
    /// <summary>Where the value comes from.</summary>
    [Description("Source of the key: header (an HTTP request header) or input (the first element of a named input of the V2 inference request).")]
    public required TrafficKeySource Source { get; init; }

    /// <summary>Header name or input name.</summary>
    [Description("Name of the header or input.")]
    [Length(1)]
    public required string Name { get; init; }

    /// <summary>Value to version routes; values are compared exactly (case-sensitive).</summary>
    [Description("Routes map exact key values (case-sensitive) to the version that answers them.")]
    [ListMapKeys("value")]
    public IReadOnlyList<KeySplitRoute>? Routes { get; init; }

    /// <summary>Version for values without a route; the weighted split decides when absent.</summary>
    [Description("Default is the version (champion or a challenger name) for requests whose key is missing or has no route. When absent, those requests take the sticky or weighted split.")]
    [Length(1)]
    public string? Default { get; init; }
}
