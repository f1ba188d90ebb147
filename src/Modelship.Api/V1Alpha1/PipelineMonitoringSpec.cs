using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>How a Pipeline's requests are logged.</summary>
public sealed record PipelineMonitoringSpec
{
    /// <summary>Whether requests are written to the inference log.</summary>
    [Description("CollectPredictions writes one inference log entry per request (sampled by sampleRate; failed requests, failed validations and audited requests always). Defaults to false; audit steps log their slices regardless.")]
    [DefaultValue(PipelineDefaults.CollectPredictions)]
    public bool? CollectPredictions { get; init; }

    /// <summary>Fraction of successful requests logged.</summary>
    [Description("SampleRate is the fraction (0-1) of successful requests logged when collectPredictions is true. Defaults to 1.")]
    [Minimum(0)]
    [Maximum(1)]
    [DefaultValue(PipelineDefaults.SampleRate)]
    public double? SampleRate { get; init; }

    /// <summary>The volume of the inference log.</summary>
    [Description("Storage is the volume each router Pod keeps its inference log on: an emptyDir with sizeLimit (the default, lost with the Pod), or the user's PersistentVolumeClaim.")]
    public MonitoringStorage? Storage { get; init; }
}
