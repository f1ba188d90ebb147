using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>One backend of the effective traffic split.</summary>
public sealed record TrafficBackendStatus
{
    /// <summary>Backend name.</summary>
    [Description("Name of the backend: champion, a challenger or a shadow.")]
    public required string Name { get; init; }

    /// <summary>Model version it serves.</summary>
    [Description("Version of the model the backend serves.")]
    public required string Version { get; init; }

    /// <summary>What it does with the traffic.</summary>
    [Description("Role of the backend: champion, challenger, canary or shadow.")]
    public required TrafficRole Role { get; init; }

    /// <summary>Percent of requests it answers.</summary>
    [Description("Weight is the percentage of requests the backend answers; 0 for shadows, which receive a copy of every request.")]
    [Minimum(0)]
    [Maximum(100)]
    public required int Weight { get; init; }
}
