using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>One key value and the version that answers it.</summary>
public sealed record KeySplitRoute
{
    /// <summary>Exact key value.</summary>
    [Description("Value of the key, compared exactly.")]
    public required string Value { get; init; }

    /// <summary>Name of the version that answers requests with this value.</summary>
    [Description("Target is the name of the version that answers: \"champion\" or a challenger's name (not a shadow).")]
    [Length(1)]
    public required string Target { get; init; }
}
