using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>A value read from each request: a header or the first element of an input.</summary>
public sealed record TrafficKey
{
    /// <summary>Where the value comes from.</summary>
    [Description("Source of the key: header (an HTTP request header) or input (the first element of a named input of the V2 inference request).")]
    public required TrafficKeySource Source { get; init; }

    /// <summary>Header name or input name.</summary>
    [Description("Name of the header or input.")]
    [Length(1)]
    public required string Name { get; init; }
}
