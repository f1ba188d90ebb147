using System.Text.Json.Nodes;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.RefreshSchedule;

/// <summary>
/// The JSON merge patch that makes a candidate the target ModelDeployment's champion: spec.model's uri, version and
/// sha256 (removed when the registry knows none, so an old digest never fails the new file), and
/// spec.replacement.reason SCHEDULED_REFRESH, which the ModelDeployment records in status.history. Every other field
/// of the spec (format, runtime, rollout, traffic...) is left as its owner wrote it; the ModelDeployment controller
/// then replaces the champion with zero downtime as its spec.rollout says. The annotation
/// <see cref="PromotedByAnnotation"/> names the schedule, so a run cut off before its status write is recognized
/// after a restart (<see cref="InterruptedPromotion"/>).
/// </summary>
public static class TargetModelPatch
{
    /// <summary>The field manager the patch is recorded under in the target's managedFields.</summary>
    public const string FieldManager = "modelship-refresh";

    public const string ScheduledRefreshReason = "SCHEDULED_REFRESH";

    /// <summary>The RefreshSchedule (same namespace) that promoted the target's spec.model last.</summary>
    public const string PromotedByAnnotation = "modelship.dev/promoted-by-refreshschedule";

    public static JsonObject Build(ModelSpec model, string scheduleName)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(scheduleName);
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [PromotedByAnnotation] = scheduleName } },
            ["spec"] = new JsonObject
            {
                ["model"] = new JsonObject
                {
                    ["uri"] = model.Uri,
                    ["version"] = model.Version,
                    ["sha256"] = model.Sha256,
                },
                ["replacement"] = new JsonObject { ["reason"] = ScheduledRefreshReason },
            },
        };
    }
}
