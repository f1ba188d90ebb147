namespace Modelship.Api.Routing;

/// <summary>
/// The router's Prometheus series and their labels: a contract like the routing table, written by the router and read
/// by the operator's canary analysis (and by the shipped alerts and dashboard, which tests check against these).
/// </summary>
public static class RouterMetricNames
{
    public const string Requests = "modelship_requests_total";
    public const string RequestDuration = "modelship_request_duration_seconds";
    public const string ShadowComparisons = "modelship_shadow_comparisons_total";
    public const string ShadowAgreements = "modelship_shadow_agreements_total";
    public const string ShadowAbsDifference = "modelship_shadow_abs_difference";
    public const string ShadowRequestDuration = "modelship_shadow_request_duration_seconds";
    public const string ShadowErrors = "modelship_shadow_errors_total";
    public const string ShadowDropped = "modelship_shadow_dropped_total";
    public const string ShadowAgreementRatio = "modelship_shadow_agreement_ratio";
    public const string PredictionWarnings = "modelship_prediction_warnings_total";
    public const string InferenceLogEntries = "modelship_inference_log_entries_total";
    public const string InferenceLogDropped = "modelship_inference_log_dropped_total";
    public const string RoutingGeneration = "modelship_routing_generation";

    /// <summary>Drift of one feature against the reference profile (labels model, version, feature, metric = psi|hellinger).</summary>
    public const string FeatureDrift = "modelship_feature_drift";

    /// <summary>Drift of one output's predictions against the reference (labels model, version, output, metric).</summary>
    public const string PredictionDrift = "modelship_prediction_drift";

    /// <summary>Input values outside the reference's training range (labels model, version, feature).</summary>
    public const string FeatureOutOfRange = "modelship_feature_out_of_range_total";

    /// <summary>Requests in the live drift window (labels model, version).</summary>
    public const string DriftWindowSamples = "modelship_drift_window_samples";

    /// <summary>Answered requests the drift monitor skipped because its queue was full (labels model).</summary>
    public const string DriftDropped = "modelship_drift_dropped_total";

    /// <summary>Actuals received (labels model, result = joined|unmatched|duplicate|invalid).</summary>
    public const string Actuals = "modelship_actuals_total";

    /// <summary>Rolling accuracy from joined actuals (labels model, version, metric = accuracy|logLoss|auc|rmse|mae|mape).</summary>
    public const string ModelAccuracy = "modelship_model_accuracy";

    /// <summary>Label names on the series above.</summary>
    public static class Labels
    {
        public const string Model = "model";
        public const string Version = "version";
        public const string Role = "role";
        public const string Code = "code";
        public const string Reason = "reason";
        public const string Output = "output";
        public const string Feature = "feature";
        public const string Metric = "metric";
        public const string Result = "result";
    }
}
