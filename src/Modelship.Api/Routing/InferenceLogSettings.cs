namespace Modelship.Api.Routing;

/// <summary>Which inference requests the router records in the inference log.</summary>
public sealed record InferenceLogSettings
{
    /// <summary>Fraction of successful requests to log, from 0 (none) to 1 (all).</summary>
    public double SampleRate { get; init; }

    /// <summary>Whether every failed request is logged regardless of <see cref="SampleRate"/>.</summary>
    public bool LogFailures { get; init; } = true;

    /// <summary>Whether logged records include the request's input tensors.</summary>
    public bool IncludeInputs { get; init; } = true;

    /// <summary>Whether logged records include the response's output tensors.</summary>
    public bool IncludeOutputs { get; init; } = true;
}
