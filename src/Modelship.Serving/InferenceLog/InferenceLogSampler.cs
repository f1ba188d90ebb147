using Modelship.Api.Routing;

namespace Modelship.Serving.InferenceLog;

/// <summary>
/// Decides which requests are logged: a random share of all requests (<see cref="InferenceLogSettings.SampleRate"/>)
/// plus every failure when <see cref="InferenceLogSettings.LogFailures"/>. The random source is injected so tests can
/// seed it.
/// </summary>
public sealed class InferenceLogSampler(Random random)
{
    /// <summary>A sampler over <see cref="Random.Shared"/>, which is safe to use from many threads.</summary>
    public static InferenceLogSampler Shared { get; } = new(Random.Shared);

    /// <summary>One draw per request: whether the request is in the sample, failed or not.</summary>
    public bool Sample(InferenceLogSettings settings) => settings.SampleRate switch
    {
        >= 1 => true,
        <= 0 => false,
        var rate => random.NextDouble() < rate,
    };

    /// <summary>Whether a request drawn as <paramref name="sampled"/> is logged.</summary>
    public static bool ShouldLog(InferenceLogSettings settings, bool sampled, bool failed) => sampled || (failed && settings.LogFailures);
}
