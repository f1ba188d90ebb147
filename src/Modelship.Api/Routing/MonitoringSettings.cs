namespace Modelship.Api.Routing;

/// <summary>
/// What the router monitors beyond the request counters: feature and prediction drift against a training reference,
/// and accuracy from actual outcomes joined with predictions by association id. Absent parts are off.
/// </summary>
/// <remarks>
/// Properties with a default are settable rather than init-only: the source-generated deserializer assigns every
/// init-only property, an absent one to its type's default, which would turn a table without <c>window</c> into a
/// window of 0. Settable ones it assigns only when present, so the initializer's value stands.
/// </remarks>
public sealed record MonitoringSettings
{
    /// <summary>Drift of live inputs and predictions against a reference profile; off when absent.</summary>
    public DriftSettings? Drift { get; init; }

    /// <summary>Joining actual outcomes with predictions; off when absent (POST .../actuals answers 404).</summary>
    public ActualsSettings? Actuals { get; init; }
}

/// <summary>Drift monitoring: a reference profile (made by <c>modelship profile</c>) and the live window compared with it.</summary>
public sealed record DriftSettings
{
    /// <summary>
    /// Path of the reference profile JSON as the router sees it (a mounted ConfigMap key or a fetched file). A router
    /// that cannot read it serves normally, logs why and reports no drift.
    /// </summary>
    public required string ReferencePath { get; init; }

    /// <summary>Number of most recent requests per version the live distribution is computed over.</summary>
    public int Window { get; set; } = 1000;

    /// <summary>Requests a version's window needs before its drift is reported.</summary>
    public int MinSamples { get; set; } = 100;
}

/// <summary>Accuracy from actuals: where the association id is read and how predictions are kept until actuals arrive.</summary>
public sealed record ActualsSettings
{
    /// <summary>Where each request's association id is read: a V2 parameter, an input (first element) or a header.</summary>
    public required AssociationIdKey AssociationId { get; init; }

    /// <summary>The model's task, which decides the accuracy metrics.</summary>
    public ModelTask Task { get; set; } = ModelTask.Classification;

    /// <summary>The output holding the prediction; the answer's first output when absent.</summary>
    public string? Output { get; init; }

    /// <summary>Number of most recent joined actuals per version the accuracy gauges are computed over.</summary>
    public int Window { get; set; } = 1000;

    /// <summary>How long a prediction waits for its actual, in seconds.</summary>
    public long RetentionSeconds { get; set; } = 7 * 24 * 3600;

    /// <summary>Largest number of predictions kept for the join; the oldest go first.</summary>
    public int MaxPredictions { get; set; } = 100_000;
}

/// <summary>Where the router reads a request's association id.</summary>
public sealed record AssociationIdKey
{
    public required AssociationIdSource Source { get; init; }

    /// <summary>Parameter key, input name or header name.</summary>
    public required string Name { get; init; }
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<AssociationIdSource>))]
public enum AssociationIdSource
{
    /// <summary>A key of the V2 request's <c>parameters</c> object.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("parameter")]
    Parameter,

    /// <summary>The first element of a named input tensor.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("input")]
    Input,

    /// <summary>An HTTP request header (first value).</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("header")]
    Header,
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ModelTask>))]
public enum ModelTask
{
    /// <summary>Predictions are classes (or class probabilities); actuals are classes.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("classification")]
    Classification,

    /// <summary>Predictions and actuals are numbers.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("regression")]
    Regression,
}
