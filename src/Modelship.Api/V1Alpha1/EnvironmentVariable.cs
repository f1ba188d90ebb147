using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>One environment variable of a container.</summary>
public sealed record EnvironmentVariable
{
    /// <summary>Variable name.</summary>
    [Description("Name of the environment variable.")]
    [Length(1)]
    public required string Name { get; init; }

    /// <summary>Variable value; empty when absent.</summary>
    [Description("Value of the environment variable. Defaults to the empty string.")]
    public string? Value { get; init; }
}
