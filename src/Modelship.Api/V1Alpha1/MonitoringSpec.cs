using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>Prediction logging and warnings.</summary>
public sealed record MonitoringSpec
{
    /// <summary>Whether predictions are written to the inference log.</summary>
    [Description("CollectPredictions writes requests and predictions (sampled by sampleRate, failures always) to the inference log: in a cluster each router Pod keeps its own on the volume of spec.monitoring.storage (an emptyDir by default, lost with the Pod), read with GET /v2/logs on that Pod. Defaults to false.")]
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
    [Description("AssociationIdField names the V2 request parameter, input or header (see associationIdSource) whose value identifies a prediction, so actual outcomes posted later to POST /v2/models/{name}/actuals are joined with it. Required by accuracy.")]
    [Length(1)]
    public string? AssociationIdField { get; init; }

    /// <summary>Where <see cref="AssociationIdField"/> is read.</summary>
    [Description("AssociationIdSource says where associationIdField is read: parameter (a key of the V2 request's parameters object), input (the first element of a named input) or header (an HTTP request header). Defaults to parameter.")]
    [DefaultValue(ModelDeploymentDefaults.AssociationIdSource)]
    public AssociationIdFieldSource? AssociationIdSource { get; init; }

    /// <summary>How often the routers' reports are summarized into status.</summary>
    [Description("StatusInterval is how often the operator reads the routers' monitoring reports (GET /v2/monitoring) and writes status.serviceStats, status.drift and status.accuracy: at most once per interval, such as 60s or 5m. Defaults to 60s.")]
    [Pattern(Duration.Pattern)]
    [DefaultValue(ModelDeploymentDefaults.MonitoringStatusInterval)]
    public string? StatusInterval { get; init; }

    /// <summary>The volume of the inference log and the actuals join store.</summary>
    [Description("Storage is the volume each router Pod keeps its inference log and actuals join store on: an emptyDir with sizeLimit (the default, lost with the Pod), or the user's PersistentVolumeClaim.")]
    public MonitoringStorage? Storage { get; init; }

    /// <summary>Drift of live inputs and predictions against a training reference.</summary>
    [Description("Drift compares the distribution of live inputs and predictions with a training reference profile (made by modelship profile); absent: no drift monitoring.")]
    public DriftMonitoring? Drift { get; init; }

    /// <summary>Accuracy from actual outcomes joined with predictions.</summary>
    [Description("Accuracy computes rolling accuracy from actual outcomes posted to POST /v2/models/{name}/actuals and joined with the predictions by associationIdField; absent: actuals are not accepted.")]
    public AccuracyMonitoring? Accuracy { get; init; }
}
