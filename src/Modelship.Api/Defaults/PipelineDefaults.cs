namespace Modelship.Api.Defaults;

/// <summary>
/// The values an absent optional Pipeline field means, stated as <c>default</c> in the CRD schema and applied by the
/// routing table builder.
/// </summary>
public static class PipelineDefaults
{
    public const string Combine = "concat";
    public const string OnFailure = "Log";
    public const int MetaKeyIndex = 0;
    public const bool CollectPredictions = false;
    public const double SampleRate = 1.0;

    /// <summary>Most steps a Pipeline may have: each one is an exchange on the request path.</summary>
    public const int MaxSteps = 32;
}
