using System.ComponentModel;
using System.Text.Json;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>V2 request parameters the router merges into every inference request before forwarding it.</summary>
public sealed record PredictionDefaults
{
    /// <summary>Parameter name to a string, number or boolean.</summary>
    [Description("Parameters are V2 request parameters (name to a string, number or boolean) merged into the parameters of every inference request before it is forwarded and logged.")]
    [PreserveUnknownFields]
    public required JsonElement Parameters { get; init; }

    /// <summary>Whether these values replace the caller's.</summary>
    [Description("Override: when false (the default) a parameter only fills in what the caller did not send; when true it replaces the caller's value.")]
    public bool? Override { get; init; }
}
