using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>A value read from each request to route it: an input element, a header or a V2 parameter.</summary>
public sealed record MetaKey
{
    /// <summary>Where the value comes from.</summary>
    [Description("Source of the value: input (an element of a tensor entering the step), header (an HTTP request header) or parameter (a key of the V2 request's parameters).")]
    public required MetaKeySource Source { get; init; }

    /// <summary>Tensor, header or parameter name.</summary>
    [Description("Name of the tensor, header or parameter.")]
    [Length(1)]
    public required string Name { get; init; }

    /// <summary>Element of the tensor (row-major); input only.</summary>
    [Description("Index of the element of the tensor (row-major, flattened) whose value is the key; source input only. Defaults to 0.")]
    [Minimum(0)]
    [DefaultValue(PipelineDefaults.MetaKeyIndex)]
    public int? Index { get; init; }
}
