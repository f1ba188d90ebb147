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

    /// <summary>Label names on the series above.</summary>
    public static class Labels
    {
        public const string Model = "model";
        public const string Version = "version";
        public const string Role = "role";
        public const string Code = "code";
        public const string Reason = "reason";
        public const string Output = "output";
    }
}
