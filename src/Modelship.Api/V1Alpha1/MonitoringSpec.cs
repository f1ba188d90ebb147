using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>Prediction logging and warnings.</summary>
public sealed record MonitoringSpec
{
    /// <summary>Whether predictions are written to the inference log.</summary>
    [Description("CollectPredictions writes requests and predictions (sampled by sampleRate, failures always) to the inference log: in a cluster each router Pod keeps its own (an emptyDir, lost with the Pod), read with GET /v2/logs on that Pod. Defaults to false.")]
    [DefaultValue(ModelDeploymentDefaults.CollectPredictions)]
    public bool? CollectPredictions { get; init; }

    /// <summary>Fraction of successful requests logged.</summary>
    [Description("SampleRate is the fraction (0-1) of successful requests logged when collectPredictions is true. Defaults to 1.")]
    [Minimum(0)]
    [Maximum(1)]
    [DefaultValue(ModelDeploymentDefaults.SampleRate)]
    public double? SampleRate { get; init; }

    /// <summary>Expected range of predicted values.</summary>
    [Description("PredictionWarnings is the expected range of predicted values; predictions outside it are answered normally and counted and logged as warnings.")]
    public PredictionWarnings? PredictionWarnings { get; init; }

    /// <summary>Input that identifies a prediction, to join it later with the actual outcome.</summary>
    [Description("AssociationIdField names the request input (or header) whose value identifies a prediction, so actual outcomes reported later can be joined with it. Not yet used: accepted and kept, but nothing reads it until actual outcomes can be reported.")]
    [Length(1)]
    public string? AssociationIdField { get; init; }
}
